/// Carbon from a land-cover band, class by class (`--class-raster`): each class's AGB in a parcel takes the
/// factors of that class of the factor set (R evaluated at the class's own AGB density), and the parcel's carbon is
/// their sum — a parcel mixing forest types is not given one type's factors.
enum ClassCarbon {
    /// Sets each row's carbon, CO2e and gap-filled CO2e from its class sums; its factors become the effective ones
    /// (R the AGB-weighted mean, CF such that AGB × (1 + R) × CF is the carbon, no expansion factor), named by the
    /// classes, with a note giving each class's AGB and factors. Throws for an observed class the set lacks.
    static func apply(
        set: FactorSet, names: [Int: String], sums: [ParcelSums], rows: inout [ParcelFigures], band: String
    ) throws {
        for i in rows.indices {
            var carbon = 0.0, agb = 0.0, rWeighted = 0.0
            var parts: [String] = [], classNames: [String] = [], sources: [String] = []
            for e in sums[i].classes?.entries ?? [] where e.observedArea > 0 {
                let name = names[e.value] ?? "\(e.value)"
                let factors: FactorSet.ClassFactors
                do { factors = try set.factors(of: name, parcel: rows[i].parcelID) } catch {
                    throw VerdantError.parcel(
                        file: band, parcel: rows[i].parcelID,
                        problem:
                            "its cells of class \(e.value) (\(name)) are observed, but the factor set '\(set.name)' has no class '\(name)' (classes: \(set.classes.keys.sorted().joined(separator: ", "))): name the map's classes as the set's, or give a factor set with every class"
                    )
                }
                let density = e.agbTonnes / (e.observedArea / 10_000)
                let applied = try AppliedFactors(className: name, factors: factors, agbPerHa: density)
                let c = applied.carbon(agb: e.agbTonnes)
                carbon += c
                agb += e.agbTonnes
                rWeighted += applied.rootShoot * e.agbTonnes
                classNames.append(name)
                for s in applied.sources where !sources.contains(s) { sources.append(s) }
                parts.append(
                    "\(name) \(format(e.agbTonnes)) t AGB (R \(format(applied.rootShoot)), CF \(format(applied.carbonFraction))\(applied.expansionFactor == 1 ? "" : ", BEF \(format(applied.expansionFactor))"))"
                )
            }
            let r = agb != 0 ? rWeighted / agb : 0
            let cf = agb != 0 ? carbon / (agb * (1 + r)) : 0
            rows[i].factors = AppliedFactors(
                className: classNames.joined(separator: "+"), rootShoot: r, carbonFraction: cf, expansionFactor: 1,
                sources: sources)
            rows[i].carbonT = carbon
            rows[i].co2eT = CarbonFactors.co2e(carbon: carbon)
            if let filled = rows[i].agbTFilled {
                rows[i].co2eTFilled = rows[i].agbT != 0 ? rows[i].co2eT * filled / rows[i].agbT : 0
            }
            if !parts.isEmpty { rows[i].notes.append("factors by class: " + parts.joined(separator: "; ")) }
        }
    }

    private static func format(_ v: Double) -> String {
        let text = String(format: "%.4g", v)
        return text
    }
}
