/// Conversion of above-ground biomass to carbon and CO2e: carbon = AGB × (1 + R) × CF, CO2e = carbon × 44/12.
public struct CarbonFactors: Hashable, Sendable, Codable {
    /// Root-to-shoot ratio R (below-ground / above-ground biomass); 0 counts above-ground biomass only.
    public var rootShoot: Double
    /// Carbon fraction of dry matter CF.
    public var carbonFraction: Double
    /// Where the values come from.
    public var source: String

    /// The default: R = 0, CF = 0.47 (IPCC 2006 Guidelines, Vol. 4, Ch. 4, Table 4.3).
    public static let ipccDefault = CarbonFactors(
        rootShoot: 0, carbonFraction: 0.47,
        source:
            "CF 0.47: IPCC 2006 Guidelines for National Greenhouse Gas Inventories, Vol. 4, Ch. 4, Table 4.3; R 0: above-ground biomass only"
    )

    /// Molar mass ratio of CO2 to C.
    public static let co2PerCarbon = 44.0 / 12.0

    /// Factors with their source.
    public init(rootShoot: Double, carbonFraction: Double, source: String) {
        self.rootShoot = rootShoot
        self.carbonFraction = carbonFraction
        self.source = source
    }

    /// The factors a user stated: the default's (with its source) when they are the default's, else these values
    /// with the parameters they were given as for source.
    public static func stated(rootShoot: Double, carbonFraction: Double) -> CarbonFactors {
        if rootShoot == ipccDefault.rootShoot && carbonFraction == ipccDefault.carbonFraction { return ipccDefault }
        return CarbonFactors(
            rootShoot: rootShoot, carbonFraction: carbonFraction,
            source: String(
                naming:
                    "\(ParameterNaming.givenBy) (\(param: .rootShoot) \(rootShoot), \(param: .carbonFraction) \(carbonFraction))"
            ))
    }

    /// Throws for values that cannot be right.
    public func validate() throws {
        guard rootShoot.isFinite, rootShoot >= 0 else {
            throw VerdantError.invalidParameter(.rootShoot, problem: "must be a number ≥ 0 (got \(rootShoot))")
        }
        guard carbonFraction.isFinite, carbonFraction > 0, carbonFraction <= 1 else {
            throw VerdantError.invalidParameter(.carbonFraction, problem: "must be in (0, 1] (got \(carbonFraction))")
        }
    }

    /// Tonnes of carbon in `agb` tonnes of above-ground biomass.
    public func carbon(agb: Double) -> Double { agb * (1 + rootShoot) * carbonFraction }

    /// Tonnes of CO2e in `carbon` tonnes of carbon.
    public static func co2e(carbon: Double) -> Double { carbon * co2PerCarbon }
}
