import FuzzSupport
@testable import Verdant
@testable import VerdantCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The fuzzer's entry point: libFuzzer's driver on `fuzzCoverage`.
@main enum CoverageFuzzer {
    static func main() { FuzzMain.run(fuzzCoverage) }
}

/// Fuzzes the exact coverage against an independent reference on random simple polygons decoded from the bytes.
///
/// For every cell of the grid, the fraction must equal the area of the polygon clipped to the cell
/// (Sutherland–Hodgman per ring, shoelace, holes subtracted) over the cell's area, within
/// `FuzzCoverage.tolerance(grid)`; fractions lie in [0, 1]; any window inside the grid gives bit-identical fractions for
/// its cells; a non-finite coordinate makes every fraction NaN.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCoverage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = FuzzBytes(UnsafeBufferPointer(start: data, count: size))
    let grid = FuzzCoverage.grid(&bytes)
    var polygon = FuzzCoverage.multiPolygon(&bytes, on: grid)
    let window = FuzzCoverage.window(&bytes, in: grid)
    let poison = bytes.byte() == 0xFF
    if poison { polygon.polygons[0].exterior[0].x = .nan }

    let full = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow)
    if poison {
        FuzzCheck.require(full.fractions.allSatisfy(\.isNaN), "a NaN vertex, yet some fraction is not NaN")
        return 0
    }
    for row in 0..<grid.rows {
        for column in 0..<grid.columns {
            let fraction = full[column: column, row: row]
            let expected = FuzzCoverage.referenceFraction(polygon, grid, column: column, row: row)
            FuzzCheck.require(
                fraction >= 0 && fraction <= 1, "cell (\(column), \(row)): fraction \(fraction) of \(polygon)")
            FuzzCheck.require(
                abs(fraction - expected) <= FuzzCoverage.tolerance(grid),
                "cell (\(column), \(row)): fraction \(fraction), reference \(expected), grid \(grid), polygon \(polygon)"
            )
        }
    }
    let part = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: window)
    for row in window.row..<window.endRow {
        for column in window.column..<window.endColumn {
            let a = part[column: column, row: row], b = full[column: column, row: row]
            FuzzCheck.require(
                a.bitPattern == b.bitPattern, "cell (\(column), \(row)): window \(window) gives \(a), the grid \(b)")
        }
    }
    return 0
}

/// Reads the fuzz input as a stream of choices (zeros once it runs out).
struct FuzzBytes {
    let buffer: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    /// The next byte, 0 past the end.
    mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < buffer.count ? buffer[position] : 0
    }

    /// A number in `range` (inclusive).
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        let value = Int(byte()) << 8 | Int(byte())
        return range.lowerBound + value % (range.upperBound - range.lowerBound + 1)
    }

    /// A number in [0, 1] in steps of 1/65535.
    mutating func unit() -> Double { Double(Int(byte()) << 8 | Int(byte())) / 65535 }
}

/// The polygons, grids and reference of the coverage fuzzer.
enum FuzzCoverage {
    /// The largest difference allowed between a fraction and the reference: 10⁻¹² plus 64 units in the last place
    /// of the grid's largest coordinate, in cells (both sides move world coordinates to local ones, each with its
    /// own round-off); for a 10 m grid at UTM-like coordinates (10⁷ m) about 1.2 × 10⁻⁸, at the origin 10⁻¹².
    static func tolerance(_ grid: CellGrid) -> Double {
        let magnitude = max(abs(grid.originX), abs(grid.originY)) + 24 * max(grid.cellWidth, grid.cellHeight)
        return 1e-12 + 64 * magnitude.ulp / min(grid.cellWidth, grid.cellHeight)
    }

    /// A grid of 1–16 × 1–16 cells of 0.5, 1, 10 or 30 units, its origin at a multiple of its cells within ±10⁶ cells
    /// (like UTM coordinates).
    static func grid(_ b: inout FuzzBytes) -> CellGrid {
        let cell = [0.5, 1, 10, 30][b.integer(0...3)]
        let columns = b.integer(1...16), rows = b.integer(1...16)
        let ox = Double(b.integer(-1_000_000...1_000_000)) * cell, oy = Double(b.integer(-1_000_000...1_000_000)) * cell
        return CellGrid(originX: ox, originY: oy, cellWidth: cell, cellHeight: cell, columns: columns, rows: rows)!
    }

    /// A window inside the grid.
    static func window(_ b: inout FuzzBytes, in grid: CellGrid) -> CellWindow {
        let column = b.integer(0...(grid.columns - 1)), row = b.integer(0...(grid.rows - 1))
        return CellWindow(
            column: column, row: row, width: b.integer(1...(grid.columns - column)),
            height: b.integer(1...(grid.rows - row)))!
    }

    /// One or two disjoint simple parts (star-shaped with an optional hole, or x-monotone on a quarter-cell lattice),
    /// around and partly outside the grid, rings in random orientation, closed or open.
    static func multiPolygon(_ b: inout FuzzBytes, on grid: CellGrid) -> MultiPolygon {
        let parts = b.integer(1...2)
        // Part k lies in its own vertical strip of grid-local x: [-2, columns + 2] split in `parts`.
        let span = Double(grid.columns + 4) / Double(parts)
        return MultiPolygon(
            polygons: (0..<parts).map { k in
                let west = -2 + span * Double(k), east = west + span
                let local =
                    b.byte() & 1 == 0
                    ? star(&b, west: west, east: east, rows: grid.rows)
                    : monotone(&b, west: west, east: east, rows: grid.rows)
                func world(_ ring: [(Double, Double)]) -> [Coordinate] {
                    var out = ring.map {
                        Coordinate(x: grid.originX + $0.0 * grid.cellWidth, y: grid.originY - $0.1 * grid.cellHeight)
                    }
                    if b.byte() & 1 == 1 { out.reverse() }
                    if b.byte() & 1 == 1 { out.append(out[0]) }
                    return out
                }
                return Polygon(exterior: world(local.exterior), holes: local.holes.map(world))
            })
    }

    /// A star-shaped ring in grid-local (u, v) (v down) in the strip [west, east]: 8–40 vertices at increasing
    /// angles, every gap at most 4/11 of a turn, radii from the bytes; maybe a hole inside the disc the exterior contains.
    static func star(
        _ b: inout FuzzBytes, west: Double, east: Double, rows: Int
    ) -> (exterior: [(Double, Double)], holes: [[(Double, Double)]]) {
        let size = (east - west) / 2 * (0.05 + 0.95 * b.unit())
        let cu = west + (east - west) / 2, cv = -2 + Double(rows + 4) * b.unit()
        func ring(count: Int, minRadius: Double, maxRadius: Double) -> [(Double, Double)] {
            let gaps = (0..<count).map { _ in Double(1 + b.integer(0...3)) }
            let total = gaps.reduce(0, +), start = 2 * Double.pi * b.unit()
            var angle = start
            return gaps.map { gap in
                defer { angle += 2 * Double.pi * gap / total }
                let r = minRadius + (maxRadius - minRadius) * b.unit()
                return (cu + r * cos(angle), cv + r * sin(angle))
            }
        }
        let minRadius = size * (0.2 + 0.8 * b.unit())
        let exterior = ring(count: b.integer(8...40), minRadius: minRadius, maxRadius: size)
        // Every gap is under 4/11 of a turn, so the exterior contains the disc of radius minRadius × cos(65.5°).
        let holes =
            b.byte() & 1 == 0
            ? [] : [ring(count: b.integer(8...16), minRadius: 0.1 * minRadius, maxRadius: 0.4 * minRadius)]
        return (exterior, holes)
    }

    /// An x-monotone ring with vertices on a lattice of quarter cells: a lower and an upper chain over the same
    /// increasing u, the upper strictly above the lower at each.
    static func monotone(
        _ b: inout FuzzBytes, west: Double, east: Double, rows: Int
    ) -> (exterior: [(Double, Double)], holes: [[(Double, Double)]]) {
        var u = (west * 4).rounded(.up) / 4
        var low = Double(b.integer(-8...(4 * rows + 8))) / 4
        var lower: [(Double, Double)] = [], upper: [(Double, Double)] = []
        let count = b.integer(2...24)
        for i in 0..<count {
            let high = low + Double(b.integer(1...16)) / 4
            lower.append((u, low))
            upper.append((u, high))
            u += Double(b.integer(1...8)) / 4
            if u > east || i == count - 1 { break }
            low += Double(b.integer(-8...8)) / 4
        }
        return (lower + upper.reversed(), [])
    }

    /// The reference fraction of cell (column, row): the polygon clipped to the cell, in the cell's own coordinates.
    static func referenceFraction(_ polygon: MultiPolygon, _ grid: CellGrid, column: Int, row: Int) -> Double {
        let box = grid.cellBounds(column: column, row: row)
        func area(_ ring: [Coordinate]) -> Double {
            let local = ring.map { (($0.x - box.minX) / grid.cellWidth, ($0.y - box.minY) / grid.cellHeight) }
            return shoelace(clip(local))
        }
        var total = 0.0
        for part in polygon.polygons {
            total += area(part.exterior)
            for hole in part.holes { total -= area(hole) }
        }
        return total
    }

    /// |area| of a ring.
    static func shoelace(_ ring: [(Double, Double)]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var twice = 0.0
        for i in ring.indices {
            let (x1, y1) = ring[i], (x2, y2) = ring[(i + 1) % ring.count]
            twice += x1 * y2 - x2 * y1
        }
        return abs(twice) / 2
    }

    /// The ring clipped to the unit square (Sutherland–Hodgman, one pass per side).
    static func clip(_ ring: [(Double, Double)]) -> [(Double, Double)] {
        var out = ring
        out = pass(
            out, inside: { $0.0 >= 0 },
            cut: { a, b in
                let t = (0 - a.0) / (b.0 - a.0); return (0, a.1 + t * (b.1 - a.1))
            })
        out = pass(
            out, inside: { $0.0 <= 1 },
            cut: { a, b in
                let t = (1 - a.0) / (b.0 - a.0); return (1, a.1 + t * (b.1 - a.1))
            })
        out = pass(
            out, inside: { $0.1 >= 0 },
            cut: { a, b in
                let t = (0 - a.1) / (b.1 - a.1); return (a.0 + t * (b.0 - a.0), 0)
            })
        out = pass(
            out, inside: { $0.1 <= 1 },
            cut: { a, b in
                let t = (1 - a.1) / (b.1 - a.1); return (a.0 + t * (b.0 - a.0), 1)
            })
        return out
    }

    private static func pass(
        _ ring: [(Double, Double)], inside: ((Double, Double)) -> Bool,
        cut: ((Double, Double), (Double, Double)) -> (Double, Double)
    ) -> [(Double, Double)] {
        guard let last = ring.last else { return [] }
        var out: [(Double, Double)] = [], previous = last
        for current in ring {
            switch (inside(previous), inside(current)) {
            case (true, true): out.append(current)
            case (true, false): out.append(cut(previous, current))
            case (false, true): out.append(cut(previous, current)); out.append(current)
            case (false, false): break
            }
            previous = current
        }
        return out
    }
}
