/// How 90 % confidence intervals are computed from a model's coefficient covariance and residual error.
public struct UncertaintyOptions: Hashable, Sendable {
    /// The propagation method.
    public enum Method: String, Hashable, Sendable, CaseIterable {
        /// First-order (delta method) propagation: var = gᵀ C g + residual term.
        case analytic
        /// Monte Carlo draws of the coefficients (and residual error) with a fixed seed; 5th and 95th percentiles.
        case monteCarlo = "montecarlo"
    }

    /// The method (default analytic).
    public var method: Method
    /// Monte Carlo draws.
    public var draws: Int
    /// Monte Carlo seed (results are the same for the same seed, whatever the thread count).
    public var seed: UInt64

    /// z for a two-sided 90 % interval of a normal distribution.
    public static let z90 = 1.6448536269514722

    /// Options; the defaults are analytic, or 2000 draws with seed 42.
    public init(method: Method = .analytic, draws: Int = 2000, seed: UInt64 = 42) {
        self.method = method
        self.draws = draws
        self.seed = seed
    }
}

/// A 90 % confidence interval of a parcel's (or the total's) AGB and CO2e.
public struct ConfidenceInterval: Hashable, Sendable {
    /// AGB, t: 5th percentile (or estimate − z·sd).
    public var agbLow: Double
    /// AGB, t: 95th percentile (or estimate + z·sd).
    public var agbHigh: Double
    /// CO2e, t, low end.
    public var co2eLow: Double
    /// CO2e, t, high end.
    public var co2eHigh: Double
    /// Half-width / estimate × 100.
    public var uncertaintyPct: Double?
}
