import GDALKit

/// The figures of one parcel (one row of the output table).
public struct ParcelFigures: Hashable, Sendable {
    /// The parcel id.
    public var parcelID: String
    /// The parcel's attributes, in layer field order.
    public var attributes: [FieldValue]
    /// The parcel's area in hectares (planar in the raster's CRS, ellipsoidal on longitude/latitude grids).
    public var parcelHa: Double
    /// The part over the raster, ha.
    public var coveredHa: Double
    /// The part over cells with a defined index, ha.
    public var observedHa: Double
    /// 1 − observed / parcel (round-off below 1e-12 reported as 0); nil for a parcel without area.
    public var unobservedFraction: Double?
    /// Area-weighted mean NDVI over the observed part; nil when nothing is observed.
    public var meanNDVI: Double?
    /// Above-ground biomass over the observed part, tonnes.
    public var agbT: Double
    /// AGB per observed hectare; nil when nothing is observed.
    public var agbTPerHa: Double?
    /// Carbon, tonnes: agb × (1 + R) × CF.
    public var carbonT: Double
    /// CO2 equivalent, tonnes: carbon × 44/12.
    public var co2eT: Double
    /// Notes (repaired geometry, merged features, …).
    public var notes: [String]

    /// Figures from a parcel's sums.
    public init(parcel: Parcel, areaM2: Double, totals: ParcelTotals, factors: CarbonFactors) {
        parcelID = parcel.id
        attributes = parcel.attributes
        parcelHa = areaM2 / 10_000
        coveredHa = totals.coveredArea / 10_000
        observedHa = totals.observedArea / 10_000
        unobservedFraction = areaM2 > 0 ? ParcelFigures.fraction(1 - totals.observedArea / areaM2) : nil
        meanNDVI = totals.observedArea > 0 ? totals.ndviAreaSum / totals.observedArea : nil
        agbT = totals.agbTonnes
        agbTPerHa = totals.observedArea > 0 ? totals.agbTonnes / observedHa : nil
        carbonT = factors.carbon(agb: agbT)
        co2eT = CarbonFactors.co2e(carbon: carbonT)
        notes = parcel.notes
    }

    /// A fraction with round-off (|x| < 1e-12, from two exact but differently summed areas) reported as 0.
    static func fraction(_ x: Double) -> Double { x < 1e-12 ? 0 : x }
}
