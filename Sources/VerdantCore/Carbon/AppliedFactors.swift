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
        sources =
            [factors.rootShoot.source, factors.carbonFraction.source]
            + (factors.expansionFactor.map { [$0.source] } ?? [])
    }

    /// Factors as stated.
    public init(
        className: String, rootShoot: Double, carbonFraction: Double, expansionFactor: Double, sources: [String]
    ) {
        self.className = className
        self.rootShoot = rootShoot
        self.carbonFraction = carbonFraction
        self.expansionFactor = expansionFactor
        self.sources = sources
    }

    /// Tonnes of carbon in `agb` tonnes (the model's AGB): agb × BEF × (1 + R) × CF.
    public func carbon(agb: Double) -> Double { agb * expansionFactor * (1 + rootShoot) * carbonFraction }
}
