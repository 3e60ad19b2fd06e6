import Testing
@testable import VerdantCore

/// Shared helpers of the coverage tests.
enum CoverageTestSupport {
    /// A counter-clockwise (y up), open axis-aligned rectangle ring.
    static func rectangle(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) -> [Coordinate] {
        [
            Coordinate(x: minX, y: minY), Coordinate(x: maxX, y: minY), Coordinate(x: maxX, y: maxY),
            Coordinate(x: minX, y: maxY)
        ]
    }

    /// A ring from (x, y) pairs.
    static func ring(_ points: [(Double, Double)]) -> [Coordinate] {
        points.map { Coordinate(x: $0.0, y: $0.1) }
    }

    /// The fractions as rows (north first) of the whole grid.
    static func rows(_ coverage: CoverageFractions) -> [[Double]] {
        (0..<coverage.window.height).map { row in
            Array(coverage.fractions[(row * coverage.window.width)..<((row + 1) * coverage.window.width)])
        }
    }

    /// The fractions of `polygon` over 4 sub-windows split at (splitColumn, splitRow), stitched into grid order.
    static func stitched(_ polygon: MultiPolygon, _ grid: CellGrid, splitColumn: Int, splitRow: Int) -> [Double] {
        var result = [Double](repeating: -1, count: grid.columns * grid.rows)
        let quarters = [
            CellWindow(column: 0, row: 0, width: splitColumn, height: splitRow),
            CellWindow(column: splitColumn, row: 0, width: grid.columns - splitColumn, height: splitRow),
            CellWindow(column: 0, row: splitRow, width: splitColumn, height: grid.rows - splitRow),
            CellWindow(
                column: splitColumn, row: splitRow, width: grid.columns - splitColumn, height: grid.rows - splitRow)
        ]
        for case let window? in quarters {
            let part = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: window)
            for row in window.row..<window.endRow {
                for column in window.column..<window.endColumn {
                    result[row * grid.columns + column] = part[column: column, row: row]
                }
            }
        }
        return result
    }

    /// Expects Σ fraction × cell area over the whole grid to equal the reference area of polygon ∩ grid extent to
    /// `relative` (with an absolute floor of `relative` × cell area), and every fraction to lie in [0, 1].
    static func expectAreaIdentity(
        _ polygon: MultiPolygon, _ grid: CellGrid, relative: Double = 1e-12,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let coverage = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow)
        let measured = coverage.sum * grid.cellArea
        let expected = ReferenceGeometry.areaInsideGrid(polygon, grid)
        let tolerance = relative * Swift.max(abs(expected), grid.cellArea)
        #expect(
            abs(measured - expected) <= tolerance, "area \(measured) vs reference \(expected)",
            sourceLocation: sourceLocation)
        #expect(
            coverage.fractions.allSatisfy { $0 >= 0 && $0 <= 1 }, "a fraction lies outside [0, 1]",
            sourceLocation: sourceLocation)
    }

    /// Expects the whole-grid fractions of `polygon` to match `expected` (rows north first) within `tolerance`.
    static func expectFractions(
        _ polygon: MultiPolygon, _ grid: CellGrid, _ expected: [[Double]], tolerance: Double,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let actual = rows(CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow))
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        for (actualRow, expectedRow) in zip(actual, expected) {
            #expect(actualRow.count == expectedRow.count, sourceLocation: sourceLocation)
            for (value, wanted) in zip(actualRow, expectedRow) {
                #expect(
                    abs(value - wanted) <= tolerance, "got \(actual), expected \(expected)",
                    sourceLocation: sourceLocation)
            }
        }
    }
}

/// The two placements of the hand-computed 3 × 3 fixtures: unit cells at the origin, and 10 m cells at UTM-like
/// coordinates (x = 500 000 + 10 u, y = 9 000 000 + 10 v).
enum FixtureFrame: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case unit
    case utm

    /// The 3 × 3 grid covering fixture coordinates [0, 3] × [0, 3].
    var grid: CellGrid {
        switch self {
        case .unit: CellGrid(originX: 0, originY: 3, cellWidth: 1, cellHeight: 1, columns: 3, rows: 3)!
        case .utm: CellGrid(originX: 500_000, originY: 9_000_030, cellWidth: 10, cellHeight: 10, columns: 3, rows: 3)!
        }
    }

    /// Fixture coordinates (in cells, y up from the grid's southern edge) placed in this frame.
    func place(_ ring: [Coordinate]) -> [Coordinate] {
        switch self {
        case .unit: ring
        case .utm: ring.map { Coordinate(x: 500_000 + 10 * $0.x, y: 9_000_000 + 10 * $0.y) }
        }
    }

    /// A polygon in fixture coordinates placed in this frame.
    func place(_ polygon: Polygon) -> Polygon {
        Polygon(exterior: place(polygon.exterior), holes: polygon.holes.map { place($0) })
    }

    /// A multipolygon in fixture coordinates placed in this frame.
    func place(_ polygon: MultiPolygon) -> MultiPolygon {
        MultiPolygon(polygons: polygon.polygons.map { place($0) })
    }

    /// The fraction tolerance: round-off only.
    var tolerance: Double { 1e-13 }

    var testDescription: String { rawValue }
}
