import Testing

@testable import Verdant

@Suite struct COGPyramidTests {
    @Test func aSentinel2SceneHasGDALsFiveOverviews() {
        // GDAL's COG driver: halve until the level fits in a 512-cell tile, sizes rounded up.
        let p = COGPyramid(width: 10_980, height: 10_980, bands: 3, tileSize: 512)
        #expect(p.widths == [10_980, 5490, 2745, 1373, 687, 344] && p.heights == p.widths)
        #expect(p.grid(0) == (22, 22) && p.grid(5) == (1, 1))
        #expect(p.tilesPerBand(0) == 484 && p.allTiles.count == 3 * (484 + 121 + 36 + 9 + 4 + 1))
    }

    @Test func edgeTilesAreCutAndTheirParentsCountTheChildrenThatExist() {
        let p = COGPyramid(width: 700, height: 500, bands: 1, tileSize: 256)
        #expect(p.widths == [700, 350, 175] && p.heights == [500, 250, 125])
        #expect(p.extent(.init(level: 0, band: 0, column: 2, row: 1)) == (188, 244))
        // Level 1 is 2 × 1 tiles: the first takes 2 × 2 tiles of level 0, the second the last column's 1 × 2.
        #expect(p.children(of: .init(level: 1, band: 0, column: 0, row: 0)) == 4)
        #expect(p.children(of: .init(level: 1, band: 0, column: 1, row: 0)) == 2)
        #expect(p.children(of: .init(level: 2, band: 0, column: 0, row: 0)) == 2)
        let up = p.parent(of: .init(level: 0, band: 0, column: 1, row: 1))
        #expect(up?.tile == .init(level: 1, band: 0, column: 0, row: 0) && up?.column == 128 && up?.row == 128)
        #expect(p.parent(of: .init(level: 2, band: 0, column: 0, row: 0)) == nil)
    }

    @Test func aRasterThatFitsOneTileHasNoOverviews() {
        let p = COGPyramid(width: 100, height: 128, bands: 2, tileSize: 128)
        #expect(p.levels == 1 && p.allTiles.count == 2)
    }
}
