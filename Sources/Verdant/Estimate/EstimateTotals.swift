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
    /// Σ cloud area / Σ parcel.
    public var cloudFraction: Double?
    /// Σ no-data area (and area outside the raster) / Σ parcel.
    public var noDataFraction: Double?
    /// Σ masked area / Σ parcel.
    public var maskedFraction: Double?
    /// Area-weighted mean NDVI over all observed area.
    public var meanNDVI: Double?
    /// Area-weighted mean of the model's index over all observed area.
    public var meanIndex: Double?
    /// Σ agb_t.
    public var agbT: Double
    /// Σ agb_t / Σ observed_ha.
    public var agbTPerHa: Double?
    /// Σ carbon_t.
    public var carbonT: Double
    /// Σ co2e_t.
    public var co2eT: Double
    /// Σ agb_t_filled (parcels with nothing observed add nothing).
    public var agbTFilled: Double
    /// Σ co2e_t_filled.
    public var co2eTFilled: Double
    /// Σ green_ha; nil when the run has no green threshold.
    public var greenHa: Double?
    /// Σ green_ha / Σ observed_ha; nil without a threshold or when nothing is observed.
    public var greenFraction: Double?
    /// Parcels flagged `low_observed`.
    public var lowObservedParcels: Int
    /// The 90 % confidence interval of the totals, when the model carries an uncertainty.
    public var interval: ConfidenceInterval?

    /// Totals of `rows` (with their sums), added in parcel-id order so that the input order of parcels does not
    /// change the bits.
    public init(rows: [ParcelFigures], sums: [ParcelSums]) {
        let order = rows.indices.sorted { rows[$0].parcelID < rows[$1].parcelID }
        var parcelHa = 0.0, covered = 0.0, observed = 0.0, agb = 0.0, carbon = 0.0, co2e = 0.0
        var ndvi = 0.0, index = 0.0, cloud = 0.0, masked = 0.0, noDataOutside = 0.0, filledAGB = 0.0, filledCO2e = 0.0
        var low = 0
        var green = 0.0, hasGreen = false
        for i in order {
            let r = rows[i], s = sums[i]
            parcelHa += r.parcelHa
            covered += r.coveredHa
            observed += r.observedHa
            agb += r.agbT
            carbon += r.carbonT
            co2e += r.co2eT
            ndvi += s.ndviAreaSum
            index += s.indexAreaSum
            cloud += r.cloudFraction.map { $0 * r.parcelHa } ?? 0
            masked += r.maskedFraction.map { $0 * r.parcelHa } ?? 0
            noDataOutside += r.noDataFraction.map { $0 * r.parcelHa } ?? 0
            filledAGB += r.agbTFilled ?? 0
            filledCO2e += r.co2eTFilled ?? 0
            if r.lowObserved { low += 1 }
            if let g = r.greenHa {
                green += g
                hasGreen = true
            }
        }
        self.parcels = rows.count
        self.parcelHa = parcelHa
        self.coveredHa = covered
        self.observedHa = observed
        let hasArea = parcelHa > 0
        self.unobservedFraction = hasArea ? ParcelFigures.fraction(1 - observed / parcelHa) : nil
        self.cloudFraction = hasArea ? cloud / parcelHa : nil
        self.noDataFraction = hasArea ? noDataOutside / parcelHa : nil
        self.maskedFraction = hasArea ? masked / parcelHa : nil
        self.meanNDVI = observed > 0 && !ndvi.isNaN ? ndvi / (observed * 10_000) : nil
        self.meanIndex = observed > 0 ? index / (observed * 10_000) : nil
        self.agbT = agb
        self.agbTPerHa = observed > 0 ? agb / observed : nil
        self.carbonT = carbon
        self.co2eT = co2e
        self.agbTFilled = filledAGB
        self.co2eTFilled = filledCO2e
        self.lowObservedParcels = low
        self.greenHa = hasGreen ? green : nil
        self.greenFraction = hasGreen && observed > 0 ? green / observed : nil
    }
}
