import GDALKit
import Testing

@testable import Verdant

/// Shards take bands of whole tile rows: every tile exactly once, in order, and bands of y that reach the grid's
/// edges without end.
@Suite struct ShardPlanTests {
    @Test func everyTileOnceForAnyNumberOfShards() throws {
        let plan = try TilePlan(width: 1000, height: 700, blockWidth: 100, blockHeight: 100, requested: 200)
        #expect(plan.tiles.tilesDown == 4 && plan.tiles.tilesAcross == 5)
        for n in 1...7 {
            let tiles = try (0..<n).flatMap { ShardPlan(shard: try Shard(index: $0, count: n), plan: plan).tiles }
            #expect(tiles == Array(0..<plan.count), "\(n) shards")
        }
        // Rows as even as whole rows allow: 4 rows in 3 shards are 1, 1, 2.
        let rows = try (0..<3).map { ShardPlan(shard: try Shard(index: $0, count: 3), plan: plan).tileRows.count }
        #expect(rows == [1, 1, 2])
    }

    @Test func bandsOfYOpenAtTheEdges() throws {
        // 10 m cells from y = 1,000,000 down; tiles of 200 rows.
        let plan = try TilePlan(width: 400, height: 700, blockWidth: 100, blockHeight: 100, requested: 200)
        let grid = try RasterGrid(
            path: "g.tif", width: 400, height: 700,
            geoTransform: GeoTransform(originX: 500_000, originY: 1_000_000, cellWidth: 10, cellHeight: 10),
            crs: try SpatialReference(epsg: 32647))
        let bands = try (0..<2).map { ShardPlan(shard: try Shard(index: $0, count: 2), plan: plan).band(grid: grid) }
        // Shard 0: rows 0…399, open to the north; shard 1: rows 400…699, open to the south; each widened by 2 cells.
        #expect(bands[0].maxY == nil && bands[0].minY == 1_000_000 - 4000 - 20)
        #expect(bands[1].minY == nil && bands[1].maxY == 1_000_000 - 4000 + 20)
        // More shards than tile rows: the shards without rows have an empty band.
        let empty = ShardPlan(shard: try Shard(index: 0, count: 9), plan: plan).band(grid: grid)
        #expect(empty.minY! > empty.maxY!)
    }
}
