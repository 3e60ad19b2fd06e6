import Testing
@testable import VerdantCore
import TestSupport

/// Windows: sub-windows stitch bit-identically, and edges outside a window are still accounted for.
@Suite("CoverageCalculator windows")
struct CoverageCalculatorWindowTests {
    typealias Support = CoverageTestSupport

    @Test("whole grid equals 4 stitched sub-windows bit for bit (hand fixture)")
    func stitchingFixture() {
        let grid = CellGrid(originX: 500_000, originY: 9_000_060, cellWidth: 10, cellHeight: 10, columns: 6, rows: 6)!
        let polygon = MultiPolygon(
            Polygon(
                exterior: Support.ring([
                    (500_003, 9_000_002), (500_057, 9_000_011), (500_031, 9_000_027), (500_049, 9_000_058),
                    (500_004, 9_000_041)
                ]),
                holes: [Support.ring([(500_012, 9_000_012), (500_020, 9_000_013), (500_015, 9_000_021)])]))
        let whole = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow).fractions
        for splitColumn in 1..<grid.columns {
            for splitRow in 1..<grid.rows {
                let parts = Support.stitched(polygon, grid, splitColumn: splitColumn, splitRow: splitRow)
                #expect(parts.map(\.bitPattern) == whole.map(\.bitPattern), "split at \(splitColumn), \(splitRow)")
            }
        }
    }

    @Test("whole grid equals 4 stitched sub-windows bit for bit (random polygons)")
    func stitchingRandom() {
        var random = SplitMix64(seed: 0x5EED_0002)
        for _ in 0..<100 {
            let grid = RandomPolygons.grid(&random)
            let polygon = RandomPolygons.multiPolygon(&random, on: grid)
            let whole = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow).fractions
            let splitColumn = random.integer(1, grid.columns - 1), splitRow = random.integer(1, grid.rows - 1)
            let parts = Support.stitched(polygon, grid, splitColumn: splitColumn, splitRow: splitRow)
            #expect(parts.map(\.bitPattern) == whole.map(\.bitPattern))
        }
    }

    @Test("a window inside a much larger polygon is full; edges north of it fill the cells south of them")
    func windowInsideLargePolygon() throws {
        let grid = CellGrid(originX: 0, originY: 100, cellWidth: 1, cellHeight: 1, columns: 100, rows: 100)!
        // A triangle whose slanted edge crosses the window's northern rows, the rest of it far outside the grid.
        let polygon = MultiPolygon(Polygon(exterior: Support.ring([(-1e9, -1e9), (1e9, -1e9), (1e9, 1e9)])))
        let window = try #require(CellWindow(column: 40, row: 50, width: 5, height: 4))
        let coverage = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: window)
        // Cell (column, row) spans x ∈ [c, c+1], y ∈ [99 − row, 100 − row]; inside is y ≤ x.
        for row in window.row..<window.endRow {
            for column in window.column..<window.endColumn {
                let x = Double(column), yTop = Double(100 - row)
                let expected: Double = yTop <= x ? 1 : (yTop - 1 >= x + 1 ? 0 : 0.5)
                #expect(abs(coverage[column: column, row: row] - expected) <= 1e-15)
            }
        }
        // A window entirely inside: every cell full; huge coordinates cost nothing extra.
        let inner = try #require(CellWindow(column: 90, row: 80, width: 10, height: 20))
        #expect(CoverageCalculator.coverageFractions(of: polygon, on: grid, in: inner).fractions.allSatisfy { $0 == 1 })
    }

    @Test("a window between a hole and the exterior, and a window inside the hole")
    func windowsAndHoles() throws {
        let grid = CellGrid(originX: 0, originY: 20, cellWidth: 1, cellHeight: 1, columns: 20, rows: 20)!
        let polygon = MultiPolygon(
            Polygon(
                exterior: Support.rectangle(-1000, -1000, 1000, 1000),
                holes: [Support.rectangle(5, 5, 15, 15)]))
        let inHole = try #require(CellWindow(column: 6, row: 6, width: 8, height: 8))
        #expect(
            CoverageCalculator.coverageFractions(of: polygon, on: grid, in: inHole).fractions.allSatisfy { $0 == 0 })
        let outside = try #require(CellWindow(column: 0, row: 0, width: 20, height: 4))
        #expect(
            CoverageCalculator.coverageFractions(of: polygon, on: grid, in: outside).fractions.allSatisfy { $0 == 1 })
        Support.expectAreaIdentity(polygon, grid)
    }
}
