import GDALKit
import Testing
import TestSupport
import Verdant

@Suite struct SparseCoverageTests {
    static let grid = CellGrid(
        originX: 500_000, originY: 9_000_000, cellWidth: 10, cellHeight: 10, columns: 300, rows: 200)!

    static let polygon = MultiPolygon(polygons: [
        Polygon(
            exterior: [
                Coordinate(x: 500_123.4, y: 8_999_987.6), Coordinate(x: 501_777.7, y: 8_999_500.1),
                Coordinate(x: 502_500.5, y: 8_998_111.1), Coordinate(x: 500_400.3, y: 8_998_333.3)
            ],
            holes: [
                [
                    Coordinate(x: 501_000, y: 8_999_000), Coordinate(x: 501_300, y: 8_999_000),
                    Coordinate(x: 501_300, y: 8_998_800), Coordinate(x: 501_000, y: 8_998_800)
                ]
            ])
    ])

    @Test func equalsTheDenseFractionsCellForCell() throws {
        let dense = try #require(CoverageCalculator.coverageFractions(of: Self.polygon, on: Self.grid))
        for chunk in [1 << 20, 1000, 7] {
            let sparse = SparseCoverage(polygon: Self.polygon, grid: Self.grid, chunkCells: chunk)
            #expect(sparse.window == dense.window)
            var seen = 0
            sparse.forEachCell(in: Self.grid.fullWindow) { row, column, fraction in
                #expect(fraction == dense[column: column, row: row])
                seen += 1
            }
            #expect(seen == dense.coveredCellCount)
            #expect(abs(sparse.coveredCells - dense.sum) <= 1e-9)
        }
    }

    @Test func tilesSplitTheCellsExactly() throws {
        let sparse = SparseCoverage(polygon: Self.polygon, grid: Self.grid)
        let tiles = try BlockWindows(rasterWidth: 300, rasterHeight: 200, tileWidth: 64, tileHeight: 48)
        var total = 0.0, count = 0
        for t in tiles {
            sparse.forEachCell(
                in: CellWindow(column: t.columnOffset, row: t.rowOffset, width: t.width, height: t.height)!
            ) { _, _, f in
                total += f
                count += 1
            }
        }
        var all = 0
        sparse.forEachCell(in: Self.grid.fullWindow) { _, _, _ in all += 1 }
        #expect(count == all)
        #expect(abs(total - sparse.coveredCells) < 1e-9)
        #expect(abs(total * 100 - Self.polygon.area) <= 1e-9 * Self.polygon.area)
    }

    @Test func memoryFollowsTheBoundaryNotTheArea() {
        // A parcel larger than a whole 5000 × 5000 scene: 25 million cells, all fully covered.
        let scene = CellGrid(
            originX: 600_000, originY: 1_700_000, cellWidth: 10, cellHeight: 10, columns: 5_000, rows: 5_000)!
        let huge = MultiPolygon(polygons: [
            Polygon(exterior: [
                Coordinate(x: 590_000, y: 1_710_000), Coordinate(x: 720_000, y: 1_710_000),
                Coordinate(x: 720_000, y: 1_580_000), Coordinate(x: 590_000, y: 1_580_000)
            ])
        ])
        let sparse = SparseCoverage(polygon: huge, grid: scene)
        #expect(sparse.coveredCells == 5_000.0 * 5_000.0)
        #expect(sparse.memoryBytes < 100_000)
    }

    @Test func gridCoverageIndexesTilesAndIsThreadIndependent() throws {
        let tiles = try BlockWindows(rasterWidth: 300, rasterHeight: 200, tileWidth: 64, tileHeight: 64)
        let polygons = [Self.polygon, MultiPolygon(polygons: [])]
        let one = GridCoverage(polygons: polygons, grid: Self.grid, tiles: tiles, threads: 1)
        let four = GridCoverage(polygons: polygons, grid: Self.grid, tiles: tiles, threads: 4)
        #expect(one.parcels == four.parcels && one.parcelsByTile == four.parcelsByTile)
        #expect(one.parcels[1].window == nil)
        #expect(!one.tilesWithParcels.isEmpty && one.tilesWithParcels.count < tiles.count)
        for t in one.tilesWithParcels { #expect(one.parcelsByTile[t] == [0]) }
    }
}
