import Foundation
import Testing
import VerdantCore

/// Plots synthesised from a known model give back its coefficients.
@Suite struct CalibrationRecoveryTests {
    static let combinations: [(BiomassModel.Form, FitMethod)] = CalibrationPlots.cases.map { ($0.form, $0.method) }

    static func truthAndNoise(_ form: BiomassModel.Form, _ method: FitMethod) -> (BiomassModel, CalibrationPlots.Noise)
    {
        let c = CalibrationPlots.cases.first { $0.form == form && $0.method == method }!
        return (c.truth, c.noise)
    }

    @Test(arguments: combinations)
    func exactWithoutNoise(form: BiomassModel.Form, method: FitMethod) throws {
        let (truth, _) = Self.truthAndNoise(form, method)
        let plots = CalibrationPlots.make(truth, noise: .none, seed: 7)
        let fit = try ModelFitter.fit(plots, form: form, method: method)
        #expect(fit.form == form && fit.method == method && fit.n == 40)
        #expect(abs(fit.a - truth.a) <= 1e-9 * abs(truth.a), "a = \(fit.a), true \(truth.a)")
        #expect(abs(fit.b - truth.b) <= 1e-9 * abs(truth.b), "b = \(fit.b), true \(truth.b)")
        #expect(abs(fit.rSquared - 1) <= 1e-12)
        #expect(fit.rmse <= 1e-9 && fit.looRMSE <= 1e-9 && abs(fit.bias) <= 1e-9 && fit.seA <= 1e-9)
    }

    @Test(arguments: combinations)
    func withinAFewStandardErrors(form: BiomassModel.Form, method: FitMethod) throws {
        let (truth, noise) = Self.truthAndNoise(form, method)
        for seed: UInt64 in [1, 2, 3, 4, 5] {
            let plots = CalibrationPlots.make(truth, noise: noise, seed: seed)
            let fit = try ModelFitter.fit(plots, form: form, method: method)
            #expect(fit.seA > 0 && fit.seB > 0)
            #expect(abs(fit.a - truth.a) <= 4 * fit.seA, "seed \(seed): a = \(fit.a) ± \(fit.seA), true \(truth.a)")
            #expect(abs(fit.b - truth.b) <= 4 * fit.seB, "seed \(seed): b = \(fit.b) ± \(fit.seB), true \(truth.b)")
            // The SEs are those of n = 40 plots, not wildly off (a wrong scale would be 10× out).
            #expect(fit.seB < 0.2 * abs(truth.b), "seed \(seed): seB = \(fit.seB)")
            #expect(fit.covariance[0][1] == fit.covariance[1][0])
            #expect(
                fit.seA * fit.seA == fit.covariance[0][0] || abs(fit.seA * fit.seA / fit.covariance[0][0] - 1) < 1e-12)
            #expect(fit.looRMSE >= fit.rmse, "refitting without a plot predicts it worse than fitting with it")
            if case .additive(let sd) = noise {
                #expect(abs(fit.residualSD / sd - 1) < 0.35, "seed \(seed): residual SD \(fit.residualSD), noise \(sd)")
            }
        }
    }

    /// Over many data sets, a ± 1.96·SE covers the true value about 95 % of the time: the SEs are calibrated.
    @Test(arguments: combinations)
    func standardErrorsCoverTheTruth(form: BiomassModel.Form, method: FitMethod) throws {
        let (truth, noise) = Self.truthAndNoise(form, method)
        let trials = 200
        var coveredA = 0, coveredB = 0
        for seed in 0..<trials {
            let plots = CalibrationPlots.make(truth, n: 40, noise: noise, seed: 1000 + UInt64(seed))
            let fit = try ModelFitter.fit(plots, form: form, method: method)
            if abs(fit.a - truth.a) <= 1.96 * fit.seA { coveredA += 1 }
            if abs(fit.b - truth.b) <= 1.96 * fit.seB { coveredB += 1 }
        }
        // Binomial(200, 0.95): sd ≈ 3 plots; [170, 198] is far outside chance for calibrated SEs.
        #expect((170...198).contains(coveredA), "a covered \(coveredA) of \(trials)")
        #expect((170...198).contains(coveredB), "b covered \(coveredB) of \(trials)")
    }

    /// Index values far from 0 with a tiny spread: centring keeps the line accurate.
    @Test func wellConditionedFarFromZero() throws {
        let plots = (0..<10).map { i in
            let x = 1e4 + Double(i) * 1e-3
            return CalibrationSample(plotID: "P\(i)", x: x, y: 5 + 2 * (x - 1e4) * 1e3)
        }
        let fit = try ModelFitter.fit(plots, form: .linear)
        #expect(abs(fit.b - 2e3) <= 1e-6 * 2e3, "b = \(fit.b)")
        for p in plots { #expect(abs(fit.predict(p.x) - p.y) <= 1e-6) }
        #expect(fit.rSquared > 1 - 1e-9)
    }
}
