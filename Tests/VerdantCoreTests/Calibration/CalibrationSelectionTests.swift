import Foundation
import Testing
@testable import VerdantCore

/// `best` picks the form that predicts left-out plots best, and breaks ties towards fewer assumptions.
@Suite struct CalibrationSelectionTests {
    @Test func strongExponentialDataPickExp() throws {
        // AGB = 1.5·e^(5·NDVI): 2.5 t/ha at 0.1 up to 135 t/ha at 0.9, with 10 % multiplicative noise.
        let truth = BiomassModel(form: .exp, a: 1.5, b: 5, source: "test")
        let plots = CalibrationPlots.make(truth, n: 40, range: 0.1...0.9, noise: .multiplicative(sd: 0.1), seed: 42)
        let all = try ModelFitter.fitAll(plots)
        #expect(all.count == 5)
        let best = try ModelFitter.best(plots)
        #expect(best.form == .exp, "\(best)")
        #expect(best.looRMSE == all.map(\.looRMSE).min())
        let linear = try #require(all.first { $0.form == .linear })
        #expect(best.looRMSE < 0.6 * linear.looRMSE, "exp \(best.looRMSE) vs linear \(linear.looRMSE)")
        #expect(abs(best.b - 5) < 4 * best.seB)
    }

    @Test func linearDataPickLinear() throws {
        let truth = BiomassModel(form: .linear, a: -30, b: 250, source: "test")
        let plots = CalibrationPlots.make(truth, n: 40, range: 0.3...0.9, noise: .additive(sd: 5), seed: 9)
        #expect(try ModelFitter.best(plots).form == .linear)
    }

    static func fit(_ form: BiomassModel.Form, _ method: FitMethod, loo: Double) -> ModelFit {
        ModelFit(
            form: form, method: method, a: 1, b: 1, seA: 0, seB: 0, covariance: [[0, 0], [0, 0]],
            residualSD: 1, n: 10, rSquared: 0.5, rmse: 1, bias: 0, looRMSE: loo)
    }

    @Test func tiesGoToFewerAssumptions() {
        let linear = Self.fit(.linear, .ordinaryLeastSquares, loo: 5)
        let expLog = Self.fit(.exp, .logLinear, loo: 5)
        let expNLS = Self.fit(.exp, .nonLinear, loo: 5 * (1 + 1e-15))
        let power = Self.fit(.power, .logLog, loo: 5)
        #expect(ModelFitter.best(among: [power, expNLS, expLog, linear]) == linear)
        #expect(ModelFitter.best(among: [power, expNLS, expLog]) == expLog)
        #expect(ModelFitter.best(among: [expNLS, power]) == expNLS)
        #expect(ModelFitter.best(among: [linear, Self.fit(.power, .nonLinear, loo: 4.9)])?.form == .power)
        #expect(ModelFitter.best(among: [Self.fit(.exp, .logLinear, loo: .nan), power]) == power)
        #expect(ModelFitter.best(among: []) == nil)
    }
}
