import Testing
import VerdantCore

/// The example of VerdantCore's documentation gives what it says.
@Suite struct DocumentationExampleTests {
    @Test func theSquareOnTheThreeByThreeGrid() throws {
        let grid = try #require(CellGrid(originX: 0, originY: 30, cellWidth: 10, cellHeight: 10, columns: 3, rows: 3))
        let square = MultiPolygon(
            Polygon(exterior: [
                Coordinate(x: 5, y: 5), Coordinate(x: 25, y: 5),
                Coordinate(x: 25, y: 25), Coordinate(x: 5, y: 25)
            ]))
        let coverage = SparseCoverage(polygon: square, grid: grid)
        var fractions: [Double] = []
        coverage.forEachCell(in: try #require(CellWindow(column: 0, row: 0, width: 3, height: 3))) { _, _, f in
            fractions.append(f)
        }
        #expect(fractions == [0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25])
        #expect(coverage.coveredCells == 4)
        #expect(BiomassModel(form: .linear, a: -30, b: 250, source: "my plots").agb(0.6) == 120)
    }
}
