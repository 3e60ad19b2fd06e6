import Testing
import Verdant

@Suite struct TilePlanTests {
    @Test func tilesAreWholeBlocks() throws {
        let plan = try TilePlan(width: 1000, height: 700, blockWidth: 128, blockHeight: 128)
        #expect(plan.tiles.tileWidth == 512 && plan.tiles.tileHeight == 512)
        let small = try TilePlan(width: 1000, height: 700, blockWidth: 128, blockHeight: 128, requested: 100)
        #expect(small.tiles.tileWidth == 128 && small.tiles.tileHeight == 128)
        let odd = try TilePlan(width: 1000, height: 700, blockWidth: 256, blockHeight: 256, requested: 300)
        #expect(odd.tiles.tileWidth == 512 && odd.tiles.tileHeight == 512)
    }

    @Test func stripsGrowInRows() throws {
        let plan = try TilePlan(width: 10980, height: 10980, blockWidth: 10980, blockHeight: 1)
        #expect(plan.tiles.tileWidth == 10980)
        #expect(plan.tiles.tileHeight == 23)
    }

    @Test func smallRastersAreOneTile() throws {
        let plan = try TilePlan(width: 40, height: 30, blockWidth: 256, blockHeight: 256)
        #expect(plan.count == 1 && plan.tiles[0].width == 40 && plan.tiles[0].height == 30)
    }
}
