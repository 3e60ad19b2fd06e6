import Testing
@testable import VerdantCore

@Suite("CellGrid")
struct CellGridTests {
    let grid = CellGrid(originX: 500_000, originY: 9_000_000, cellWidth: 10, cellHeight: 20, columns: 8, rows: 5)!

    @Test("validates finite origins, finite positive cell sizes and positive counts")
    func validation() {
        #expect(CellGrid(originX: .nan, originY: 0, cellWidth: 1, cellHeight: 1, columns: 1, rows: 1) == nil)
        #expect(CellGrid(originX: 0, originY: .infinity, cellWidth: 1, cellHeight: 1, columns: 1, rows: 1) == nil)
        #expect(CellGrid(originX: 0, originY: 0, cellWidth: 0, cellHeight: 1, columns: 1, rows: 1) == nil)
        #expect(CellGrid(originX: 0, originY: 0, cellWidth: 1, cellHeight: -1, columns: 1, rows: 1) == nil)
        #expect(CellGrid(originX: 0, originY: 0, cellWidth: .infinity, cellHeight: 1, columns: 1, rows: 1) == nil)
        #expect(CellGrid(originX: 0, originY: 0, cellWidth: 1, cellHeight: 1, columns: 0, rows: 1) == nil)
        #expect(CellGrid(originX: 0, originY: 0, cellWidth: 1, cellHeight: 1, columns: Int.max, rows: 2) == nil)
    }

    @Test("extent, cell area and cell bounds; rows go south")
    func geometry() {
        #expect(grid.extent == BoundingBox(minX: 500_000, minY: 8_999_900, maxX: 500_080, maxY: 9_000_000))
        #expect(grid.cellArea == 200)
        #expect(
            grid.cellBounds(column: 2, row: 1)
                == BoundingBox(minX: 500_020, minY: 8_999_960, maxX: 500_030, maxY: 8_999_980))
        #expect(grid.fullWindow == CellWindow(column: 0, row: 0, width: 8, height: 5))
    }

    @Test("window covering a box: touched cells, boundaries not pulled in, clipped, nil when disjoint")
    func windowCovering() {
        // x 500 015 – 500 035 touches columns 1…3; y 8 999 955 – 8 999 990 touches rows 0…2.
        #expect(
            grid.window(covering: BoundingBox(minX: 500_015, minY: 8_999_955, maxX: 500_035, maxY: 8_999_990))
                == CellWindow(column: 1, row: 0, width: 3, height: 3))
        // Edges exactly on cell boundaries.
        #expect(
            grid.window(covering: BoundingBox(minX: 500_010, minY: 8_999_940, maxX: 500_030, maxY: 8_999_980))
                == CellWindow(column: 1, row: 1, width: 2, height: 2))
        // A point on a cell corner still touches one cell.
        #expect(
            grid.window(covering: BoundingBox(minX: 500_020, minY: 8_999_960, maxX: 500_020, maxY: 8_999_960))
                == CellWindow(column: 2, row: 2, width: 1, height: 1))
        // Clipped to the grid.
        #expect(
            grid.window(covering: BoundingBox(minX: -1e300, minY: -1e300, maxX: 1e300, maxY: 1e300)) == grid.fullWindow)
        #expect(
            grid.window(covering: BoundingBox(minX: 500_075, minY: 8_999_000, maxX: 600_000, maxY: 8_999_910))
                == CellWindow(column: 7, row: 4, width: 1, height: 1))
        // Disjoint, touching only the grid's edge, empty or NaN.
        #expect(
            grid.window(covering: BoundingBox(minX: 500_081, minY: 8_999_950, maxX: 500_090, maxY: 8_999_960)) == nil)
        #expect(
            grid.window(covering: BoundingBox(minX: 500_080, minY: 8_999_950, maxX: 500_090, maxY: 8_999_960)) == nil)
        #expect(
            grid.window(covering: BoundingBox(minX: 500_010, minY: 9_000_000, maxX: 500_020, maxY: 9_000_010)) == nil)
        #expect(grid.window(covering: BoundingBox(minX: 500_030, minY: 0, maxX: 500_020, maxY: 1)) == nil)
        #expect(grid.window(covering: BoundingBox(minX: .nan, minY: 0, maxX: 500_020, maxY: 1)) == nil)
    }
}
