/// Sums over the cells of a tile or a scene; added in tile order so that results do not depend on threads.
public struct SceneTotals: Hashable, Sendable {
    /// Cells with a defined index.
    public var validCells: Int = 0
    /// Area of those cells, m².
    public var observedArea: Double = 0
    /// Σ NDVI × cell area over valid cells.
    public var ndviAreaSum: Double = 0
    /// Σ AGB (t/ha) × cell area (ha) over valid cells: tonnes.
    public var agbTonnes: Double = 0

    /// Empty totals.
    public init() {}

    /// Adds another tile's totals.
    public mutating func add(_ other: SceneTotals) {
        validCells += other.validCells
        observedArea += other.observedArea
        ndviAreaSum += other.ndviAreaSum
        agbTonnes += other.agbTonnes
    }
}
