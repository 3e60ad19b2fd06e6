/// Exact cell-coverage fractions of polygons on a `CellGrid`, in the manner of exactextract.
///
/// Every cell touched by a polygon gets the exact share of its area inside the polygon (holes subtracted, parts
/// added), up to floating-point round-off: not centre-in, not all-touched, not supersampled. Σ fraction × cell area
/// equals the area of the polygon inside the window.
public enum CoverageCalculator {
    /// The tolerance within which results just outside [0, 1] are taken as round-off and clamped.
    ///
    /// Values further outside are returned as they are: they mean invalid input (overlapping parts, holes outside
    /// their exterior, self-intersecting rings), which clamping would hide.
    public static let roundOffTolerance = 1e-10

    /// The coverage fractions of the cells of `window` by `polygon` on `grid`.
    ///
    /// Only the window's cells are computed: the polygon may be much larger than the window or the grid, and its
    /// edges outside the window are still accounted for (an edge north of the window fills the cells south of it
    /// up to the next edge). Time is O(edges + edge–cell crossings inside the window + window cells) and memory
    /// O(window cells), whatever the polygon's extent. Any window yields bit-identical values for the cells it
    /// shares with any other window, so tiles can be stitched.
    ///
    /// Rings may be closed (first == last) or open and have either orientation; rings of zero area are ignored.
    /// If a coordinate is not finite, every fraction is NaN.
    ///
    /// - Precondition: `window` lies inside `grid`.
    public static func coverageFractions(
        of polygon: MultiPolygon, on grid: CellGrid, in window: CellWindow
    ) -> CoverageFractions {
        precondition(grid.fullWindow.contains(window), "the window \(window) does not lie inside the grid")
        guard polygon.isFinite else {
            return CoverageFractions(
                uncheckedWindow: window, fractions: [Double](repeating: .nan, count: window.cellCount))
        }
        var accumulator = CoverageAccumulator(window: window)
        for part in polygon.polygons {
            accumulator.add(ring: part.exterior, isHole: false, grid: grid)
            for hole in part.holes {
                accumulator.add(ring: hole, isHole: true, grid: grid)
            }
        }
        return CoverageFractions(uncheckedWindow: window, fractions: accumulator.finish(tolerance: roundOffTolerance))
    }

    /// The coverage fractions of the cells of `window` by a single polygon.
    ///
    /// - Precondition: `window` lies inside `grid`.
    public static func coverageFractions(
        of polygon: Polygon, on grid: CellGrid, in window: CellWindow
    ) -> CoverageFractions {
        coverageFractions(of: MultiPolygon(polygon), on: grid, in: window)
    }

    /// The coverage fractions over the grid cells touched by the polygon's bounding box, or nil when the box misses
    /// the grid (or the polygon has no vertex).
    public static func coverageFractions(of polygon: MultiPolygon, on grid: CellGrid) -> CoverageFractions? {
        guard let box = polygon.boundingBox, let window = grid.window(covering: box) else { return nil }
        return coverageFractions(of: polygon, on: grid, in: window)
    }
}
