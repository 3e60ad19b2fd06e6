/// Which carbon factors a run applies: one fixed pair for every parcel, or a factor set whose class is chosen per
/// parcel by an attribute (or one class for all).
public struct FactorChoice: Hashable, Sendable {
    /// The fixed factors (used when `set` is nil).
    public var fixed: CarbonFactors
    /// A factor set.
    public var set: FactorSet?
    /// The parcel attribute naming each parcel's class (`--class-field`).
    public var classField: String?
    /// One class for every parcel (`--class`).
    public var className: String?

    /// Fixed factors for every parcel.
    public init(_ fixed: CarbonFactors = .ipccDefault) {
        self.fixed = fixed
    }

    /// A factor set with the class from an attribute or given once.
    public init(set: FactorSet, classField: String? = nil, className: String? = nil) {
        self.fixed = .ipccDefault
        self.set = set
        self.classField = classField
        self.className = className
    }
}

/// The factors applied to one parcel, with their sources, after AGB-dependent values are evaluated.
public struct AppliedFactors: Hashable, Sendable {
    /// The class (empty for fixed factors).
    public var className: String
    /// Root:shoot ratio R.
    public var rootShoot: Double
    /// Carbon fraction CF.
    public var carbonFraction: Double
    /// Biomass expansion factor applied to the model's AGB.
    public var expansionFactor: Double
    /// Sources of R, CF and the expansion factor.
    public var sources: [String]

    /// Fixed factors.
    public init(_ f: CarbonFactors) {
        className = ""
        rootShoot = f.rootShoot
        carbonFraction = f.carbonFraction
        expansionFactor = 1
        sources = [f.source]
    }

    /// The factors of a class for a parcel of `agbPerHa`.
    public init(className: String, factors: FactorSet.ClassFactors, agbPerHa: Double?) throws {
        self.className = className
        rootShoot = try factors.rootShoot.value(agbPerHa: agbPerHa)
        carbonFraction = try factors.carbonFraction.value(agbPerHa: agbPerHa)
        expansionFactor = try factors.expansionFactor?.value(agbPerHa: agbPerHa) ?? 1
        sources = [factors.rootShoot.source, factors.carbonFraction.source] + (factors.expansionFactor.map { [$0.source] } ?? [])
    }

    /// Tonnes of carbon in `agb` tonnes (the model's AGB): agb × BEF × (1 + R) × CF.
    public func carbon(agb: Double) -> Double { agb * expansionFactor * (1 + rootShoot) * carbonFraction }
}
