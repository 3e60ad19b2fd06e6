import Foundation
import VerdantCore

/// Synthetic field plots drawn from a known biomass model, for the calibration tests.
enum CalibrationPlots {
    /// How the noise enters a synthetic plot's AGB.
    enum Noise {
        /// None: the plots lie on the curve.
        case none
        /// y = f(x) + N(0, sd²).
        case additive(sd: Double)
        /// y = f(x)·e^N(0, sd²) (the error model of the log fits).
        case multiplicative(sd: Double)
    }

    /// `n` plots with x uniform in `range`, y from `truth` (unclamped) plus `noise`, reproducible from `seed`.
    static func make(
        _ truth: BiomassModel, n: Int = 40, range: ClosedRange<Double> = 0.2...0.9, noise: Noise, seed: UInt64
    ) -> [CalibrationSample] {
        var random = CalibrationRandom(seed: seed)
        return (0..<n).map { i in
            let x = random.uniform(range.lowerBound, range.upperBound)
            let f: Double
            switch truth.form {
            case .linear: f = truth.a + truth.b * x
            case .exp: f = truth.a * exp(truth.b * x)
            case .power: f = truth.a * pow(x, truth.b)
            }
            let y: Double
            switch noise {
            case .none: y = f
            case .additive(let sd): y = f + random.normal(sd: sd)
            case .multiplicative(let sd): y = f * exp(random.normal(sd: sd))
            }
            return CalibrationSample(plotID: "P\(i + 1)", x: x, y: y)
        }
    }

    /// The true model of each (form, method) recovery case and the noise its method assumes.
    static let cases: [(form: BiomassModel.Form, method: FitMethod, truth: BiomassModel, noise: Noise)] = [
        (
            .linear, .ordinaryLeastSquares, BiomassModel(form: .linear, a: -30, b: 250, source: "test"),
            .additive(sd: 10)
        ),
        (.exp, .logLinear, BiomassModel(form: .exp, a: 5, b: 3.5, source: "test"), .multiplicative(sd: 0.15)),
        (.exp, .nonLinear, BiomassModel(form: .exp, a: 5, b: 3.5, source: "test"), .additive(sd: 6)),
        (.power, .logLog, BiomassModel(form: .power, a: 200, b: 1.6, source: "test"), .multiplicative(sd: 0.15)),
        (.power, .nonLinear, BiomassModel(form: .power, a: 200, b: 1.6, source: "test"), .additive(sd: 8))
    ]
}
