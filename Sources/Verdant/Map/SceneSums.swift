/// Sums over the cells of a tile or a scene; added in tile order so that results do not depend on threads.
public struct SceneSums: Sendable {
    /// Cells with a defined index.
    public var validCells: Int = 0
    /// Area of those cells, m².
    public var observedArea: Double = 0
    /// Valid cells whose index is at least the green threshold (none without a threshold).
    public var greenCells: Int = 0
    /// Area of those cells, m².
    public var greenArea: Double = 0
    /// Σ NDVI × cell area over valid cells (NaN when the input has no red or NIR).
    public var ndviAreaSum: Double = 0
    /// Σ index × cell area over valid cells.
    public var indexAreaSum: Double = 0
    /// Cells excluded as cloud, shadow or cirrus.
    public var cloudCells: Int = 0
    /// Cells without data (nodata, NaN, defective, out of range, index undefined).
    public var noDataCells: Int = 0
    /// Cells masked on purpose (user mask, chosen classes).
    public var maskedCells: Int = 0
    /// Observed cells with NDVI > 0.3 / < −0.3 (band-swap check).
    public var vegetationSigns: (positive: Int, negative: Int) = (0, 0)
    /// Σ AGB (t/ha) × cell area (ha) over valid cells: tonnes.
    public var agbTonnes: Double = 0

    /// Empty totals.
    public init() {}

    /// Adds another tile's totals.
    public mutating func add(_ other: SceneSums) {
        validCells += other.validCells
        observedArea += other.observedArea
        greenCells += other.greenCells
        greenArea += other.greenArea
        indexAreaSum += other.indexAreaSum
        ndviAreaSum += other.ndviAreaSum
        agbTonnes += other.agbTonnes
        cloudCells += other.cloudCells
        noDataCells += other.noDataCells
        maskedCells += other.maskedCells
        vegetationSigns.positive += other.vegetationSigns.positive
        vegetationSigns.negative += other.vegetationSigns.negative
    }
}
