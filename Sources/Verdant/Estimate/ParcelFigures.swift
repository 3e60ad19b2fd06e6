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
    /// The part over observed cells, ha.
    public var observedHa: Double
    /// 1 − observed / parcel; nil for a parcel without area.
    public var unobservedFraction: Double?
    /// Cloud, shadow and cirrus / parcel.
    public var cloudFraction: Double?
    /// (No-data cells + the part outside the raster) / parcel.
    public var noDataFraction: Double?
    /// Cells masked on purpose / parcel.
    public var maskedFraction: Double?
    /// Area-weighted mean NDVI over the observed part; nil when nothing is observed or without red and NIR.
    public var meanNDVI: Double?
    /// Area-weighted mean of the model's index over the observed part.
    public var meanIndex: Double?
    /// Above-ground biomass over the observed part, tonnes.
    public var agbT: Double
    /// AGB per observed hectare; nil when nothing is observed.
    public var agbTPerHa: Double?
    /// Carbon, tonnes: agb × (1 + R) × CF.
    public var carbonT: Double
    /// CO2 equivalent, tonnes: carbon × 44/12.
    public var co2eT: Double
    /// AGB extrapolated over the whole parcel from the observed mean density (agb_t_per_ha × parcel_ha).
    public var agbTFilled: Double?
    /// CO2e of `agbTFilled`.
    public var co2eTFilled: Double?
    /// The observed green area, ha: coverage × cell area over observed cells whose index is at least the green
    /// threshold (`GreenCover`); nil when the run has no threshold (an index other than NDVI without one given).
    public var greenHa: Double?
    /// `greenHa` / `observedHa`; nil without a threshold or when nothing is observed.
    public var greenFraction: Double?
    /// True when the observed fraction is under the `--min-observed` threshold.
    public var lowObserved: Bool
    /// The factors applied (class, R, CF, expansion factor, sources).
    public var factors: AppliedFactors
    /// The 90 % confidence interval, when the model carries an uncertainty.
    public var interval: ConfidenceInterval?
    /// ∂agb_t/∂a and ∂agb_t/∂b (for intervals of changes between dates).
    public var gradientA: Double
    /// See `gradientA`.
    public var gradientB: Double
    /// Area by land-cover class value, ha (empty without a class band).
    public var classAreasHa: [Int: Double] = [:]
    /// Notes (repaired geometry, merged features, …).
    public var notes: [String]
    /// True when the parcel could not be processed (its row is kept, flagged).
    public var failed: Bool { notes.contains { $0.hasPrefix("failed:") } }
    /// True when the parcel lies wholly outside the raster (its row is kept, with no figures).
    public var outsideRaster: Bool { notes.contains(ParcelFigures.outsideNote) }
    /// The note of a parcel wholly outside the raster.
    public static let outsideNote = "outside the raster: no cell lies under the parcel, so it has no figures"

    /// Figures from a parcel's sums; `greenThreshold` is the one the sums' green area was taken with (nil: none).
    public init(
        parcel: Parcel, areaM2: Double, sums: ParcelSums, factors: CarbonFactors, hasNDVI: Bool = true,
        minObserved: Double = 0.5, greenThreshold: Double? = nil
    ) {
        self.init(
            parcel: parcel, areaM2: areaM2, sums: sums, applied: { _ in AppliedFactors(factors) }, hasNDVI: hasNDVI,
            minObserved: minObserved, greenThreshold: greenThreshold)
    }

    /// Figures from a parcel's sums, with the factors chosen from its AGB density (t/ha, nil when unobserved).
    public init(
        parcel: Parcel, areaM2: Double, sums: ParcelSums, applied: (Double?) throws -> AppliedFactors,
        hasNDVI: Bool = true, minObserved: Double = 0.5, greenThreshold: Double? = nil
    ) rethrows {
        parcelID = parcel.id
        attributes = parcel.attributes
        parcelHa = areaM2 / 10_000
        coveredHa = sums.coveredArea / 10_000
        observedHa = sums.observedArea / 10_000
        let hasArea = areaM2 > 0
        unobservedFraction = hasArea ? ParcelFigures.fraction(1 - sums.observedArea / areaM2) : nil
        cloudFraction = hasArea ? sums.cloudArea / areaM2 : nil
        noDataFraction =
            hasArea ? ParcelFigures.fraction((sums.noDataArea + max(0, areaM2 - sums.coveredArea)) / areaM2) : nil
        maskedFraction = hasArea ? sums.maskedArea / areaM2 : nil
        let observed = sums.observedArea > 0
        meanNDVI = observed && hasNDVI ? sums.ndviAreaSum / sums.observedArea : nil
        meanIndex = observed ? sums.indexAreaSum / sums.observedArea : nil
        agbT = sums.agbTonnes
        agbTPerHa = observed ? sums.agbTonnes / observedHa : nil
        gradientA = sums.gradA
        gradientB = sums.gradB
        let factors = try applied(agbTPerHa)
        self.factors = factors
        carbonT = factors.carbon(agb: agbT)
        co2eT = CarbonFactors.co2e(carbon: carbonT)
        let agb = sums.agbTonnes, area = areaM2 / 10_000
        let filled = agbTPerHa.map { max(agb, $0 * area) }
        agbTFilled = filled
        co2eTFilled = filled.map { CarbonFactors.co2e(carbon: factors.carbon(agb: $0)) }
        let hasGreen = greenThreshold != nil
        greenHa = hasGreen ? sums.greenArea / 10_000 : nil
        greenFraction = hasGreen && observed ? sums.greenArea / sums.observedArea : nil
        lowObserved = !hasArea || sums.observedArea / areaM2 < minObserved
        notes = parcel.notes
    }

    /// A fraction with round-off (|x| < 1e-12, from two exact but differently summed areas) reported as 0.
    static func fraction(_ x: Double) -> Double { x < 1e-12 ? 0 : x }
}
