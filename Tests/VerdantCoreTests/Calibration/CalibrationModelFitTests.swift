import Foundation
import Testing
import VerdantCore

/// A fit's JSON form, its curve, and the model it becomes.
@Suite struct CalibrationModelFitTests {
    static func sampleFit() throws -> ModelFit {
        let truth = BiomassModel(form: .power, a: 180, b: 1.4, source: "test")
        let plots = CalibrationPlots.make(truth, n: 12, noise: .multiplicative(sd: 0.1), seed: 3)
        return try ModelFitter.fit(plots, form: .power)
    }

    @Test func jsonKeysAreSnakeCase() throws {
        let fit = try Self.sampleFit()
        let data = try JSONEncoder().encode(fit)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "a", "b", "se_a", "se_b", "covariance", "residual_sd", "n", "r2", "rmse", "bias", "loo_rmse", "method",
                "form"
            ])
        #expect(object["method"] as? String == "log-log least squares")
        #expect(object["form"] as? String == "power")
        #expect((object["covariance"] as? [[Double]])?.count == 2)
        #expect(try JSONDecoder().decode(ModelFit.self, from: data) == fit)
    }

    @Test func samplesUsePlotID() throws {
        let sample = CalibrationSample(plotID: "A-1", x: 0.5, y: 12)
        let text = String(decoding: try JSONEncoder().encode(sample), as: UTF8.self)
        #expect(text.contains("\"plot_id\":\"A-1\""))
        #expect(try JSONDecoder().decode(CalibrationSample.self, from: Data(text.utf8)) == sample)
    }

    @Test func becomesABiomassModel() throws {
        let fit = try Self.sampleFit()
        let model = fit.model(index: .evi, source: "fitted to 12 plots")
        #expect(model.form == .power && model.a == fit.a && model.b == fit.b)
        #expect(model.index == .evi && model.source == "fitted to 12 plots" && model.saviL == nil)
        #expect(fit.model(index: .savi(l: 0.25), source: "s").saviL == 0.25)
        for x in [0.3, 0.6, 0.9] { #expect(model.agb(x) == fit.predict(x)) }
        #expect(fit.predict(-0.1) == 0 && fit.predict(.nan).isNaN)
    }

    @Test func predictionIsNotClamped() throws {
        let plots = (0..<8).map {
            CalibrationSample(plotID: "P\($0)", x: 0.2 + 0.1 * Double($0), y: -10 + 100 * (0.2 + 0.1 * Double($0)))
        }
        let fit = try ModelFitter.fit(plots, form: .linear)
        #expect(abs(fit.predict(0) + 10) < 1e-9, "the statistics use the line itself")
        #expect(fit.model(source: "s").agb(0) == 0, "the model clamps at 0")
    }

    @Test func describesItself() throws {
        let text = try Self.sampleFit().description
        #expect(text.hasPrefix("power by log-log least squares: a = ") && text.contains("LOO RMSE"))
    }

    @Test func defaultMethods() {
        #expect(FitMethod.defaultMethod(for: .linear) == .ordinaryLeastSquares)
        #expect(FitMethod.defaultMethod(for: .exp) == .logLinear)
        #expect(FitMethod.defaultMethod(for: .power) == .logLog)
        #expect(FitMethod.allCases.filter(\.needsPositiveAGB) == [.logLinear, .logLog])
    }
}
