import Foundation

/// A deterministic pseudo-random generator (the SplitMix64 sequence) with normal deviates, for synthetic field plots.
struct CalibrationRandom {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * (Double(next() >> 11) * 0x1p-53)
    }

    /// A normal deviate with mean 0 and standard deviation `sd` (Box–Muller, one of the pair).
    mutating func normal(sd: Double = 1) -> Double {
        let u1 = 1 - uniform(0, 1)  // (0, 1]: log is finite
        let u2 = uniform(0, 1)
        return sd * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
