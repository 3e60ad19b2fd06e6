/// Area-weighted sums for one parcel over some cells (a tile, or the whole raster).
public struct ParcelTotals: Hashable, Sendable {
    /// Σ coverage × cell area (m²): the parcel's area over the raster.
    public var coveredArea: Double = 0
    /// Σ coverage × cell area (m²) over cells with a defined index.
    public var observedArea: Double = 0
    /// Σ coverage × cell area × NDVI over those cells.
    public var ndviAreaSum: Double = 0
    /// Σ coverage × cell area (ha) × AGB (t/ha): tonnes.
    public var agbTonnes: Double = 0

    /// Empty sums.
    public init() {}

    /// Adds another part's sums.
    public mutating func add(_ other: ParcelTotals) {
        coveredArea += other.coveredArea
        observedArea += other.observedArea
        ndviAreaSum += other.ndviAreaSum
        agbTonnes += other.agbTonnes
    }
}
