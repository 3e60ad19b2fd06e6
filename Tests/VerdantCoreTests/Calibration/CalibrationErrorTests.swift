import Foundation
import Testing
import VerdantCore

/// Plots that cannot be fitted are refused with a message that says why.
@Suite struct CalibrationErrorTests {
    static let good: [CalibrationSample] = [
        (0.31, 12.0), (0.42, 18.5), (0.55, 27.1), (0.63, 35.9), (0.71, 44.0), (0.80, 61.2), (0.86, 70.3)
    ].enumerated().map { CalibrationSample(plotID: "P\($0.offset + 1)", x: $0.element.0, y: $0.element.1) }

    /// The message of the `VerdantError.usage` that `body` throws, or nil (recorded as a failure).
    static func usageMessage(_ body: () throws -> some Any) -> String? {
        let error = #expect(throws: VerdantError.self) { _ = try body() }
        guard case .usage(let text)? = error else {
            Issue.record("expected VerdantError.usage, got \(String(describing: error))")
            return nil
        }
        return text.description
    }

    @Test func goodPlotsFit() throws {
        for form in BiomassModel.Form.allCases {
            for method in FitMethod.methods(for: form) {
                let fit = try ModelFitter.fit(Self.good, form: form, method: method)
                #expect(fit.n == 7 && fit.rSquared > 0.9)
            }
        }
    }

    @Test(arguments: BiomassModel.Form.allCases)
    func tooFewPlots(form: BiomassModel.Form) {
        let five = Array(Self.good.prefix(5))
        for method in FitMethod.methods(for: form) {
            let text = Self.usageMessage { try ModelFitter.fit(five, form: form, method: method) }
            #expect(text == "too few plots: 5 given, at least 6 needed for a 2-parameter model")
        }
        #expect(Self.usageMessage { try ModelFitter.fitAll(five) }?.contains("5 given") == true)
        #expect(throws: Never.self) { try ModelFitter.fit(Array(Self.good.prefix(6)), form: form) }
    }

    @Test func nonPositiveAGBForALogFit() throws {
        var plots = Self.good
        plots[0].y = 0
        plots[1].y = 0
        for (form, method) in [(BiomassModel.Form.exp, FitMethod.logLinear), (.power, .logLog)] {
            let text = Self.usageMessage { try ModelFitter.fit(plots, form: form, method: method) }
            #expect(text?.contains("plot 'P1'") == true, "\(text ?? "")")
            #expect(text?.contains("y = 0.0") == true && text?.contains("1 other plot") == true, "\(text ?? "")")
            #expect(text?.contains("needs y > 0") == true, "\(text ?? "")")
        }
        // Non-linear least squares and the linear model take such plots; fitAll leaves out the log fits only.
        #expect(try ModelFitter.fit(plots, form: .exp, method: .nonLinear).n == 7)
        #expect(try ModelFitter.fit(plots, form: .power, method: .nonLinear).n == 7)
        let all = try ModelFitter.fitAll(plots)
        #expect(all.map(\.method) == [.ordinaryLeastSquares, .nonLinear, .nonLinear])
    }

    /// Least squares of a·e^(b·x) on these plots has no minimum (b → ∞ fits the last plot alone, as scipy
    /// also finds): the fit says it did not converge, and fitAll leaves it out.
    @Test func nonConvergingNonLinearFit() throws {
        let plots = [(0.31, 12.0), (0.42, 18.5), (0.63, 0.0), (0.71, 44.0), (0.80, -2.0), (0.86, 70.3)]
            .enumerated().map { CalibrationSample(plotID: "P\($0.offset + 1)", x: $0.element.0, y: $0.element.1) }
        let text = Self.usageMessage { try ModelFitter.fit(plots, form: .exp, method: .nonLinear) }
        #expect(text?.contains("did not converge") == true, "\(text ?? "")")
        #expect(try ModelFitter.fitAll(plots).allSatisfy { $0.form != .exp })
    }

    @Test func nonPositiveIndexForPower() throws {
        var plots = Self.good
        plots[0].x = 0
        for method in FitMethod.methods(for: .power) {
            let text = Self.usageMessage { try ModelFitter.fit(plots, form: .power, method: method) }
            #expect(text?.contains("plot 'P1'") == true && text?.contains("x > 0") == true, "\(text ?? "")")
        }
        #expect(try ModelFitter.fitAll(plots).allSatisfy { $0.form != .power })
    }

    @Test(arguments: BiomassModel.Form.allCases)
    func allIndexValuesEqual(form: BiomassModel.Form) {
        let plots = Self.good.map { CalibrationSample(plotID: $0.plotID, x: 0.6, y: $0.y) }
        for method in FitMethod.methods(for: form) {
            let text = Self.usageMessage { try ModelFitter.fit(plots, form: form, method: method) }
            #expect(text?.contains("same index value") == true && text?.contains("singular") == true, "\(text ?? "")")
        }
    }

    @Test func allAGBEqual() {
        let plots = Self.good.map { CalibrationSample(plotID: $0.plotID, x: $0.x, y: 20) }
        #expect(Self.usageMessage { try ModelFitter.fit(plots, form: .linear) }?.contains("same AGB") == true)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteValues(bad: Double) {
        var plots = Self.good
        plots[2].x = bad
        let textX = Self.usageMessage { try ModelFitter.fit(plots, form: .linear) }
        #expect(
            textX?.contains("plot 'P3'") == true && textX?.contains("not a finite number") == true, "\(textX ?? "")")
        plots = Self.good
        plots[6].y = bad
        let textY = Self.usageMessage { try ModelFitter.fit(plots, form: .exp, method: .nonLinear) }
        #expect(textY?.contains("plot 'P7'") == true && textY?.contains("AGB") == true, "\(textY ?? "")")
        #expect(Self.usageMessage { try ModelFitter.best(plots) } != nil)
    }

    @Test func methodThatDoesNotFitTheForm() {
        let text = Self.usageMessage { try ModelFitter.fit(Self.good, form: .linear, method: .nonLinear) }
        #expect(text == "the linear model is fitted by ordinary least squares, not by non-linear least squares")
        #expect(Self.usageMessage { try ModelFitter.fit(Self.good, form: .exp, method: .logLog) } != nil)
        #expect(
            Self.usageMessage { try ModelFitter.fit(Self.good, form: .power, method: .ordinaryLeastSquares) } != nil)
    }

    /// One plot alone carries the slope: the fit exists, but leaving that plot out leaves no slope to fit.
    @Test func leaveOneOutThatCannotBeRefitted() {
        let plots = (0..<6).map { CalibrationSample(plotID: "P\($0 + 1)", x: $0 == 5 ? 0.8 : 0.5, y: 10 + Double($0)) }
        let text = Self.usageMessage { try ModelFitter.fit(plots, form: .linear) }
        #expect(text?.contains("leave-one-out") == true && text?.contains("without plot 'P6'") == true, "\(text ?? "")")
    }

    @Test func errorsAreUsageErrors() {
        let error = #expect(throws: VerdantError.self) { try ModelFitter.fit([], form: .linear) }
        #expect(error?.exitCode == 1)
    }
}
