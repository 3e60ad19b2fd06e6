import GDALKit

/// How a grid is cut into tiles: whole multiples of the raster's natural blocks.
public struct TilePlan: Hashable, Sendable {
    /// The tiles, row-major, edges trimmed.
    public let tiles: BlockWindows

    /// Tiles of about `requested` cells a side (default 512), made of whole blocks of `blockWidth × blockHeight`;
    /// a request larger than the raster gives one tile across (or down).
    public init(width: Int, height: Int, blockWidth: Int, blockHeight: Int, requested: Int? = nil) throws {
        // A requested edge beyond the raster makes the same tiles as the raster's own edge (and cannot overflow).
        let target = requested.map { Swift.max(1, Swift.min($0, Swift.max(width, height))) } ?? 512
        let bw = max(1, min(blockWidth, width)), bh = max(1, min(blockHeight, height))
        // Whole blocks per tile: enough to reach the target edge (strips grow in rows only).
        let kx = max(1, (target + bw - 1) / bw)
        var ky = max(1, (target + bh - 1) / bh)
        if requested == nil && bw >= width {
            // Strips span the raster: keep tiles near target² cells.
            ky = max(1, (target * target) / max(1, width * bh))
        }
        tiles = try BlockWindows(
            rasterWidth: width, rasterHeight: height,
            tileWidth: min(width, bw * kx), tileHeight: min(height, bh * ky))
    }

    /// Number of tiles.
    public var count: Int { tiles.count }
}
