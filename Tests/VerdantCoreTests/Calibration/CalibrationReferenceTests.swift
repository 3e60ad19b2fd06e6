import Foundation
import Testing
import VerdantCore

/// The fits agree with numpy.polyfit and scipy.optimize.curve_fit (Tests/Fixtures/calibration/).
@Suite struct CalibrationReferenceTests {
    struct Reference: Decodable {
        var source: String
        var plots: [CalibrationSample]
        var fits: [ModelFit]
    }

    static func reference() throws -> Reference {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Calibration, VerdantTests, Tests
        url.appendPathComponent("Fixtures/calibration/reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    /// |got − want| ≤ tolerance·max(1, |want|).
    static func close(_ got: Double, _ want: Double, _ tolerance: Double) -> Bool {
        abs(got - want) <= tolerance * max(1, abs(want))
    }

    /// |got − want| ≤ tolerance·|want| (coefficients and standard errors, never 0 here).
    static func relativelyClose(_ got: Double, _ want: Double, _ tolerance: Double) -> Bool {
        abs(got - want) <= tolerance * abs(want)
    }

    @Test func referenceCoversEveryMethod() throws {
        let reference = try Self.reference()
        #expect(reference.plots.count == 25)
        let pairs = Set(reference.fits.map { "\($0.form.rawValue)/\($0.method.rawValue)" })
        let expected = Set(
            BiomassModel.Form.allCases.flatMap { form in
                FitMethod.methods(for: form).map { "\(form.rawValue)/\($0.rawValue)" }
            })
        #expect(pairs == expected)
    }

    @Test func matchesNumpyAndScipy() throws {
        let reference = try Self.reference()
        for want in reference.fits {
            let got = try ModelFitter.fit(reference.plots, form: want.form, method: want.method)
            let label = "\(want.form.rawValue) by \(want.method.rawValue)"
            #expect(got.n == want.n, "\(label)")
            #expect(Self.relativelyClose(got.a, want.a, 1e-6), "\(label): a \(got.a) vs \(want.a)")
            #expect(Self.relativelyClose(got.b, want.b, 1e-6), "\(label): b \(got.b) vs \(want.b)")
            #expect(Self.relativelyClose(got.seA, want.seA, 1e-4), "\(label): se a \(got.seA) vs \(want.seA)")
            #expect(Self.relativelyClose(got.seB, want.seB, 1e-4), "\(label): se b \(got.seB) vs \(want.seB)")
            for r in 0..<2 {
                for c in 0..<2 {
                    #expect(
                        Self.relativelyClose(got.covariance[r][c], want.covariance[r][c], 1e-4),
                        "\(label): covariance[\(r)][\(c)] \(got.covariance[r][c]) vs \(want.covariance[r][c])")
                }
            }
            #expect(
                Self.close(got.residualSD, want.residualSD, 1e-6), "\(label): σ \(got.residualSD) vs \(want.residualSD)"
            )
            #expect(Self.close(got.rSquared, want.rSquared, 1e-6), "\(label): R² \(got.rSquared) vs \(want.rSquared)")
            #expect(Self.close(got.rmse, want.rmse, 1e-6), "\(label): RMSE \(got.rmse) vs \(want.rmse)")
            #expect(Self.close(got.bias, want.bias, 1e-6), "\(label): bias \(got.bias) vs \(want.bias)")
            #expect(Self.close(got.looRMSE, want.looRMSE, 1e-6), "\(label): LOO RMSE \(got.looRMSE) vs \(want.looRMSE)")
        }
    }

    @Test func bestOfTheReferencePlotsIsTheLowestLOO() throws {
        let reference = try Self.reference()
        let lowest = reference.fits.min { $0.looRMSE < $1.looRMSE }!
        let best = try ModelFitter.best(reference.plots)
        #expect(best.form == lowest.form && best.method == lowest.method)
        #expect(try ModelFitter.fitAll(reference.plots).count == 5)
    }
}
