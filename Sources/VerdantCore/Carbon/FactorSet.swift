import Foundation

/// A versioned set of carbon conversion factors per vegetation class, each value with its source: carbon
/// fraction, root:shoot ratio (fixed, by AGB class, or Mokany's AGB-dependent formula) and an optional biomass
/// expansion factor. Shipped as data (`FactorSets/*.json`) or read from users' JSON/YAML files.
public struct FactorSet: Hashable, Sendable, Codable {
    /// A factor value with its source.
    public struct Value: Hashable, Sendable, Codable {
        /// One AGB class of a root:shoot ratio: applies below `below` t/ha (the last class has no bound).
        public struct AGBClass: Hashable, Sendable, Codable {
            /// Upper AGB bound in t/ha (exclusive), nil for the last class.
            public var below: Double?
            /// The value in that class; nil where the source gives none (an error for a parcel in that class).
            public var value: Double?
            /// The source's range of the value (low, high), when it gives one.
            public var range: [Double]?
        }

        /// A fixed value.
        public var value: Double?
        /// Values by AGB class (root:shoot ratios of IPCC Table 4.4).
        public var byAGB: [AGBClass]?
        /// True for the AGB-dependent ratio of CDM AR-TOOL14: R = e^(−1.085 + 0.9256 ln b) / b.
        public var mokany: Bool?
        /// The source's range of a fixed value (low, high), when it gives one; echoed, not used in the sums.
        public var range: [Double]?
        /// Where the value comes from.
        public var source: String

        /// A fixed value with its source.
        public init(value: Double, source: String) {
            self.value = value
            self.source = source
        }

        /// The value for a parcel with `agb` t/ha of above-ground biomass.
        public func value(agbPerHa agb: Double?) throws -> Double {
            if let value { return value }
            if mokany == true {
                guard let b = agb, b > 0 else { return 0 }
                return FactorSet.mokanyRootShoot(agbPerHa: b)
            }
            if let classes = byAGB, !classes.isEmpty {
                let b = agb ?? 0
                let chosen = classes.first { $0.below.map { b < $0 } ?? true } ?? classes.last!
                guard let value = chosen.value else {
                    throw VerdantError.usage(
                        "the source gives no value for an AGB of \(b) t/ha (\(source)); choose another class")
                }
                return value
            }
            throw VerdantError.usage("a factor value needs value, byAGB or mokany (\(source))")
        }
    }

    /// The factors of one class.
    public struct ClassFactors: Hashable, Sendable, Codable {
        /// Carbon fraction of dry matter.
        public var carbonFraction: Value
        /// Root:shoot ratio.
        public var rootShoot: Value
        /// Biomass expansion factor applied to the model's AGB (1 when absent).
        public var expansionFactor: Value?
    }

    /// The set's name (`ipcc-2006`).
    public var name: String
    /// What it is.
    public var title: String
    /// Its source.
    public var source: String
    /// Caveats.
    public var note: String?
    /// Class name → factors.
    public var classes: [String: ClassFactors]

    /// The AGB-dependent root:shoot ratio of CDM AR-TOOL14 for `agbPerHa` t/ha: R = e^(−1.085 + 0.9256 ln b) / b
    /// (named after Mokany et al. 2006 in Verdant's options; see the `mokany` class of `ipcc-2006` for its source).
    public static func mokanyRootShoot(agbPerHa b: Double) -> Double {
        Foundation.exp(-1.085 + 0.9256 * Foundation.log(b)) / b
    }

    /// The factors of `className`; an unknown class is an error, not a silent default.
    public func factors(of className: String, parcel: String) throws -> ClassFactors {
        if let f = classes[className] { return f }
        if let f = classes.first(where: { $0.key.lowercased() == className.lowercased() })?.value { return f }
        throw VerdantError.usage(
            "class '\(className)' is not in the factor set '\(name)' (classes: \(classes.keys.sorted().joined(separator: ", ")))"
        )
    }
}
