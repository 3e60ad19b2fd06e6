import Foundation
import TestSupport

/// Normal deviates for synthetic field plots, from the test target's SplitMix64 sequence.
extension SplitMix64 {
    /// A normal deviate with mean 0 and standard deviation `sd` (Box–Muller, one of the pair).
    mutating func normal(sd: Double = 1) -> Double {
        let u1 = 1 - uniform(0, 1)  // (0, 1]: log is finite
        let u2 = uniform(0, 1)
        return sd * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// The generator the calibration tests use.
typealias CalibrationRandom = SplitMix64
