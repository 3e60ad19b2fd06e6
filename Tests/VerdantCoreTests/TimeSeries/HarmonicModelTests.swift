import Foundation
import Testing
import VerdantCore

@Suite struct HarmonicModelTests {
    @Test func matchesNumpyLstsq() throws {
        let reference = try TimeSeriesReference.load()
        #expect(reference.harmonic.count == 6)
        for (n, example) in reference.harmonic.enumerated() {
            let t = TimeSeriesReference.numbers(example.t), y = TimeSeriesReference.numbers(example.y)
            let model = try #require(HarmonicModel.fit(t: t, y: y, harmonics: example.harmonics), "case \(n)")
            #expect(model.harmonics == example.harmonics)
            #expect(model.count == t.count)
            let want = TimeSeriesReference.numbers(example.coefficients)
            #expect(model.coefficients.count == want.count)
            for (got, wanted) in zip(model.coefficients, want) {
                #expect(TimeSeriesReference.relativelyClose(got, wanted, 1e-10), "case \(n): \(got) vs \(wanted)")
            }
            let rmse = TimeSeriesReference.number(example.rmse)
            // The fit through exactly as many points as coefficients leaves only rounding.
            if rmse < 1e-12 {
                #expect(model.rmse < 1e-12, "case \(n)")
            } else {
                #expect(TimeSeriesReference.relativelyClose(model.rmse, rmse, 1e-10), "case \(n): \(model.rmse)")
            }
        }
    }

    @Test func recoversNoiseFreeCoefficients() throws {
        let truth = [0.45, 0.3, -0.12, 0.05, 0.02]
        let exact = HarmonicModel(harmonics: 2, coefficients: truth, rmse: 0, count: 0)
        let t = (0..<60).map { Double($0) / 23 + 0.004 * sin(Double($0)) }
        let model = try #require(HarmonicModel.fit(t: t, y: t.map(exact.predict), harmonics: 2))
        #expect(model.count == 60)
        for (got, want) in zip(model.coefficients, truth) { #expect(abs(got - want) < 1e-12, "\(got) vs \(want)") }
        #expect(model.rmse < 1e-12)
        // Far from t = 0 (years since 1970), where the angles are large.
        let late = t.map { $0 + 52 }
        let lateModel = try #require(HarmonicModel.fit(t: late, y: late.map(exact.predict), harmonics: 2))
        for (got, want) in zip(lateModel.coefficients, truth) { #expect(abs(got - want) < 1e-12) }
    }

    @Test func predictsTheFormula() {
        let model = HarmonicModel(harmonics: 1, coefficients: [0.5, 0.2, 0.1], rmse: 0, count: 0)
        #expect(model.predict(0) == 0.5 + 0.2)
        #expect(abs(model.predict(0.25) - 0.6) < 1e-15)
        #expect(abs(model.predict(0.5) - 0.3) < 1e-15)
        #expect(abs(model.predict(3.25) - model.predict(0.25)) < 1e-14)
    }

    @Test func nilWhenUndetermined() {
        let t = (0..<10).map { Double($0) / 10 }
        let y = t.map { 0.4 + 0.1 * cos(2 * .pi * $0) }
        #expect(HarmonicModel.fit(t: Array(t.prefix(2)), y: Array(y.prefix(2)), harmonics: 1) == nil)
        #expect(HarmonicModel.fit(t: Array(t.prefix(3)), y: Array(y.prefix(3)), harmonics: 1) != nil)
        #expect(HarmonicModel.fit(t: Array(t.prefix(4)), y: Array(y.prefix(4)), harmonics: 2) == nil)
        #expect(HarmonicModel.fit(t: [Double](repeating: 0.3, count: 8), y: Array(y.prefix(8)), harmonics: 1) == nil)
        // Whole years apart: every date at the same time of year.
        #expect(HarmonicModel.fit(t: [0, 1, 2, 3, 4, 5], y: [0.1, 0.2, 0.3, 0.2, 0.1, 0.3], harmonics: 1) == nil)
        // Half a year apart: sin 2πt vanishes.
        #expect(HarmonicModel.fit(t: [0, 0.5, 1, 1.5, 2], y: [0.1, 0.2, 0.3, 0.2, 0.1], harmonics: 1) == nil)
        #expect(HarmonicModel.fit(t: t, y: y, harmonics: -1) == nil)
        var bad = y
        bad[4] = .nan
        #expect(HarmonicModel.fit(t: t, y: bad, harmonics: 1) == nil)
    }
}
