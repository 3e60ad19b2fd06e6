/// Figures summed over all parcels.
public struct EstimateTotals: Hashable, Sendable {
    /// Number of parcels.
    public var parcels: Int
    /// Σ parcel_ha.
    public var parcelHa: Double
    /// Σ covered_ha.
    public var coveredHa: Double
    /// Σ observed_ha.
    public var observedHa: Double
    /// 1 − Σ observed / Σ parcel.
    public var unobservedFraction: Double?
    /// Area-weighted mean NDVI over all observed area.
    public var meanNDVI: Double?
    /// Σ agb_t.
    public var agbT: Double
    /// Σ agb_t / Σ observed_ha.
    public var agbTPerHa: Double?
    /// Σ carbon_t.
    public var carbonT: Double
    /// Σ co2e_t.
    public var co2eT: Double

    /// Totals of `rows`, summed in parcel-id order so that the input order of parcels does not change the bits.
    public init(rows: [ParcelFigures], ndviAreaSums: [Double]) {
        let order = rows.indices.sorted { rows[$0].parcelID < rows[$1].parcelID }
        var parcelHa = 0.0, covered = 0.0, observed = 0.0, agb = 0.0, carbon = 0.0, co2e = 0.0, ndvi = 0.0
        for i in order {
            let r = rows[i]
            parcelHa += r.parcelHa
            covered += r.coveredHa
            observed += r.observedHa
            agb += r.agbT
            carbon += r.carbonT
            co2e += r.co2eT
            ndvi += ndviAreaSums[i]
        }
        self.parcels = rows.count
        self.parcelHa = parcelHa
        self.coveredHa = covered
        self.observedHa = observed
        self.unobservedFraction = parcelHa > 0 ? ParcelFigures.fraction(1 - observed / parcelHa) : nil
        self.meanNDVI = observed > 0 ? ndvi / (observed * 10_000) : nil
        self.agbT = agb
        self.agbTPerHa = observed > 0 ? agb / observed : nil
        self.carbonT = carbon
        self.co2eT = co2e
    }
}
