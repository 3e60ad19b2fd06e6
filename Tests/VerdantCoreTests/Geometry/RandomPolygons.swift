#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
@testable import VerdantCore
import TestSupport

/// Random test polygons: star-shaped, concave rings with optional holes, parts and grids with UTM-like origins.
enum RandomPolygons {
    /// A star-shaped (generally concave) ring around (cx, cy): `count` vertices at jittered, evenly spread angles
    /// (every angular gap below 120°) and radii in [minRadius, maxRadius]; counter-clockwise with y up.
    static func star(
        _ random: inout SplitMix64, cx: Double, cy: Double, minRadius: Double, maxRadius: Double,
        count: Int
    ) -> [Coordinate] {
        let step = 2 * Double.pi / Double(count)
        let start = random.uniform(0, 2 * Double.pi)
        return (0..<count).map { index in
            let angle = start + step * (Double(index) + random.uniform(-0.45, 0.45))
            let radius = random.uniform(minRadius, maxRadius)
            return Coordinate(x: cx + radius * cos(angle), y: cy + radius * sin(angle))
        }
    }

    /// A random polygon around (cx, cy) of size about `size`, with 0–2 holes inside the disc every exterior edge
    /// keeps clear of (half the minimum radius, since angular gaps stay under 120°).
    static func polygon(_ random: inout SplitMix64, cx: Double, cy: Double, size: Double) -> Polygon {
        let minRadius = size * random.uniform(0.3, 0.6)
        let exterior = star(
            &random, cx: cx, cy: cy, minRadius: minRadius, maxRadius: size,
            count: random.integer(6, 40))
        var holes: [[Coordinate]] = []
        switch random.integer(0, 2) {
        case 1:
            holes.append(
                star(
                    &random, cx: cx, cy: cy, minRadius: 0.1 * minRadius, maxRadius: 0.45 * minRadius,
                    count: random.integer(3, 12)))
        case 2:
            for side in [-1.0, 1.0] {
                holes.append(
                    star(
                        &random, cx: cx + side * 0.25 * minRadius, cy: cy, minRadius: 0.05 * minRadius,
                        maxRadius: 0.2 * minRadius, count: random.integer(3, 10)))
            }
        default:
            break
        }
        return Polygon(
            exterior: randomlyPresented(exterior, &random), holes: holes.map { randomlyPresented($0, &random) })
    }

    /// A random x-monotone (hence simple) polygon whose vertices lie on a lattice of half cells in x and quarter
    /// cells in y, so vertices fall on cell corners and edges, and horizontal and vertical edges on cell boundaries.
    /// It may extend beyond the grid.
    static func latticeMonotone(_ random: inout SplitMix64, on grid: CellGrid) -> Polygon {
        var top: [(Double, Double)] = [], bottom: [(Double, Double)] = []
        var x = Double(random.integer(-4, 2 * grid.columns - 2)) / 2
        let stop = x + Double(random.integer(1, 2 * grid.columns)) / 2
        var low = Double(random.integer(-4, 4 * grid.rows)) / 4
        var high = low + Double(random.integer(1, 12)) / 4
        while true {
            top.append((x, high))
            bottom.append((x, low))
            if x >= stop { break }
            if random.integer(0, 3) == 0 {
                // A vertical step: new heights at the same x, overlapping the old ones so the polygon stays simple.
                let newLow = low + Double(random.integer(-3, 3)) / 4
                let newHigh = Swift.max(high + Double(random.integer(-3, 3)) / 4, newLow + 0.25)
                if newHigh > low && newLow < high {
                    if newHigh != high { top.append((x, newHigh)) }
                    if newLow != low { bottom.append((x, newLow)) }
                    low = newLow
                    high = newHigh
                }
            }
            x += Double(random.integer(1, 4)) / 2
            low += Double(random.integer(-4, 4)) / 4
            high = Swift.max(high + Double(random.integer(-4, 4)) / 4, low + 0.25)
        }
        // Cell units with v up from the grid's southern edge, to world coordinates.
        let south = grid.originY - Double(grid.rows) * grid.cellHeight
        let ring = (bottom + top.reversed()).map {
            Coordinate(x: grid.originX + $0.0 * grid.cellWidth, y: south + $0.1 * grid.cellHeight)
        }
        return Polygon(exterior: randomlyPresented(ring, &random))
    }

    /// The ring reversed or not, closed or not, at random.
    static func randomlyPresented(_ ring: [Coordinate], _ random: inout SplitMix64) -> [Coordinate] {
        var result = random.coin() ? Array(ring.reversed()) : ring
        if random.coin() { result.append(result[0]) }
        return result
    }

    /// A grid with a UTM-like origin (x ≈ 500 000, y ≈ 9 000 000), 10 m or 30 m cells and 4–40 cells a side.
    static func grid(_ random: inout SplitMix64) -> CellGrid {
        let cell = random.coin() ? 10.0 : 30.0
        return CellGrid(
            originX: 500_000 + 10 * Double(random.integer(-500, 500)),
            originY: 9_000_000 + 10 * Double(random.integer(-500, 500)),
            cellWidth: cell, cellHeight: cell,
            columns: random.integer(4, 40), rows: random.integer(4, 40))!
    }

    /// A random multipolygon of 1–3 disjoint parts placed around (and partly outside) `grid`.
    static func multiPolygon(_ random: inout SplitMix64, on grid: CellGrid) -> MultiPolygon {
        let extent = grid.extent
        let parts = random.integer(1, 3)
        // Parts sit in disjoint vertical slices of the (enlarged) extent, so they never overlap.
        let margin = 0.3 * Swift.max(extent.width, extent.height)
        let sliceWidth = (extent.width + 2 * margin) / Double(parts)
        return MultiPolygon(
            polygons: (0..<parts).map { part in
                let size = Swift.min(
                    sliceWidth / 2, random.uniform(0.2, 3) * grid.cellWidth * Double(random.integer(1, 8)))
                let cx = extent.minX - margin + sliceWidth * (Double(part) + 0.5)
                let cy = random.uniform(extent.minY - margin, extent.maxY + margin)
                return polygon(&random, cx: cx, cy: cy, size: size)
            })
    }
}
