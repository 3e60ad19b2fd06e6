/// One parcel's area-weighted partial sums over some cells: what one tile adds to the parcel
/// (`ParcelAccumulator.sums`), or, once the tiles' sums are added in tile order, the parcel's sums over the whole
/// raster, from which `ParcelFigures` makes its figures. Sums, not figures: no mean, ratio or fraction is taken yet.
public struct ParcelSums: Hashable, Sendable {
    /// Σ coverage × cell area (m²): the parcel's area over the raster.
    public var coveredArea: Double = 0
    /// Σ coverage × cell area (m²) over observed cells.
    public var observedArea: Double = 0
    /// … over cells excluded as cloud, shadow or cirrus.
    public var cloudArea: Double = 0
    /// … over cells without data.
    public var noDataArea: Double = 0
    /// … over cells masked on purpose.
    public var maskedArea: Double = 0
    /// Σ coverage × cell area (m²) over observed cells whose index is at least the green threshold (`GreenCover`);
    /// 0 when the run has no threshold.
    public var greenArea: Double = 0
    /// Σ coverage × cell area × NDVI over observed cells.
    public var ndviAreaSum: Double = 0
    /// Σ coverage × cell area × the model's index over observed cells.
    public var indexAreaSum: Double = 0
    /// Σ coverage × cell area (ha) × AGB (t/ha): tonnes.
    public var agbTonnes: Double = 0
    /// Σ coverage × cell area (ha) × ∂AGB/∂a: the gradient of `agbTonnes` in a.
    public var gradA: Double = 0
    /// Σ coverage × cell area (ha) × ∂AGB/∂b.
    public var gradB: Double = 0
    /// Observed area (ha) and Σ area × index by index bin, for Monte Carlo intervals (when asked for).
    public var histogram: IndexHistogram?

    /// Area and AGB by land-cover class, when the run has a class band.
    public var classes: ClassSums?

    /// Empty sums.
    public init() {}

    /// Adds another part's sums.
    public mutating func add(_ other: ParcelSums) {
        coveredArea += other.coveredArea
        observedArea += other.observedArea
        cloudArea += other.cloudArea
        noDataArea += other.noDataArea
        maskedArea += other.maskedArea
        greenArea += other.greenArea
        ndviAreaSum += other.ndviAreaSum
        indexAreaSum += other.indexAreaSum
        agbTonnes += other.agbTonnes
        gradA += other.gradA
        gradB += other.gradB
        if let c = other.classes {
            if classes == nil { classes = ClassSums() }
            classes!.add(c)
        }
        if let h = other.histogram {
            if histogram == nil { histogram = IndexHistogram(binWidth: h.binWidth) }
            histogram!.add(h)
        }
    }
}
