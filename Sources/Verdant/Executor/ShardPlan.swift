import GDALKit

/// What one shard of a sharded run does: its band of whole tile rows and the parcels that can reach it.
///
/// The grid's tile rows are cut into `count` bands of consecutive rows (as even as whole rows allow); shard K
/// reads the tiles of band K only, so the shards of a scene read disjoint parts of the rasters (a COG's tiles of
/// consecutive rows lie together), and process only the parcels that can reach their band (`ParcelSelection`).
/// A parcel across two bands is measured by both, each adding its own tiles; the merge adds every parcel's tile
/// sums in the one-machine tile order, so the merged figures are the same bits.
public struct ShardPlan: Hashable, Sendable {
    /// The shard.
    public let shard: Shard
    /// The tiles of the whole grid.
    public let plan: TilePlan

    /// The plan of `shard` over `plan`.
    public init(shard: Shard, plan: TilePlan) {
        self.shard = shard
        self.plan = plan
    }

    /// The shard's tile rows.
    public var tileRows: Range<Int> {
        let rows = plan.tiles.tilesDown, k = shard.index, n = shard.count
        return (k * rows / n)..<((k + 1) * rows / n)
    }

    /// The shard's tiles (indices of `plan`), in tile order.
    public var tiles: [Int] {
        let across = plan.tiles.tilesAcross
        return tileRows.flatMap { r in (r * across)..<((r + 1) * across) }
    }

    /// The band of y (on the grid's CRS) that the parcels a shard processes must reach: its rows, widened by two
    /// cells; the first band reaches north without end (nil), the last south, so that parcels off the grid fall
    /// to a shard too. A shard without rows (more shards than tile rows) has an empty band (`minY > maxY`).
    public func band(grid: RasterGrid) -> (minY: Double?, maxY: Double?) {
        let rows = tileRows
        guard !rows.isEmpty else { return (.infinity, -.infinity) }
        let tileHeight = plan.tiles.tileHeight
        let top = rows.lowerBound * tileHeight, bottom = min(rows.upperBound * tileHeight, grid.height)
        let g = grid.geoTransform.coefficients
        let yTop = g[3] + Double(top) * g[5], yBottom = g[3] + Double(bottom) * g[5]
        let margin = 2 * abs(g[5])
        // Row 0 is the northern edge on a north-up grid (the only kind whose cells parcels are measured on).
        let north = max(yTop, yBottom) + margin, south = min(yTop, yBottom) - margin
        let first = rows.lowerBound == 0, last = rows.upperBound == plan.tiles.tilesDown
        return (last ? nil : south, first ? nil : north)
    }
}
