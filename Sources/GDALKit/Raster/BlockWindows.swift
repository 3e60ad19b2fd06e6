/// The tiles of a raster in row-major order, edge tiles trimmed to the raster (like rasterio's `block_windows`).
public struct BlockWindows: RandomAccessCollection, Hashable, Sendable {
    /// Raster width in cells.
    public let rasterWidth: Int
    /// Raster height in cells.
    public let rasterHeight: Int
    /// Tile width in cells.
    public let tileWidth: Int
    /// Tile height in cells.
    public let tileHeight: Int
    /// Tiles per row of tiles.
    public let tilesAcross: Int
    /// Rows of tiles.
    public let tilesDown: Int

    /// Tiles of `tileWidth × tileHeight` over a `rasterWidth × rasterHeight` raster.
    public init(rasterWidth: Int, rasterHeight: Int, tileWidth: Int, tileHeight: Int) throws {
        guard rasterWidth > 0, rasterHeight > 0 else {
            throw GDALError(context: "raster size \(rasterWidth) × \(rasterHeight) has no cells")
        }
        guard tileWidth > 0, tileHeight > 0 else {
            throw GDALError(context: "tile size \(tileWidth) × \(tileHeight) is not positive")
        }
        self.rasterWidth = rasterWidth
        self.rasterHeight = rasterHeight
        self.tileWidth = tileWidth
        self.tileHeight = tileHeight
        self.tilesAcross = (rasterWidth + tileWidth - 1) / tileWidth
        self.tilesDown = (rasterHeight + tileHeight - 1) / tileHeight
    }

    /// The first tile index (0).
    public var startIndex: Int { 0 }
    /// The number of tiles.
    public var endIndex: Int { tilesAcross * tilesDown }

    /// The window of tile `index` (row-major), trimmed at the right and bottom edges.
    public subscript(index: Int) -> Window {
        precondition(index >= 0 && index < endIndex, "tile index out of range")
        let tileRow = index / tilesAcross, tileColumn = index % tilesAcross
        let c0 = tileColumn * tileWidth, r0 = tileRow * tileHeight
        return Window(
            unchecked: c0, r0, Swift.min(tileWidth, rasterWidth - c0), Swift.min(tileHeight, rasterHeight - r0))
    }

    /// Indices of the tiles that overlap `window`, in row-major order.
    public func indices(overlapping window: Window) -> [Int] {
        guard window.columnOffset < rasterWidth, window.rowOffset < rasterHeight else { return [] }
        let tc0 = window.columnOffset / tileWidth, tc1 = Swift.min(tilesAcross - 1, (window.columnEnd - 1) / tileWidth)
        let tr0 = window.rowOffset / tileHeight, tr1 = Swift.min(tilesDown - 1, (window.rowEnd - 1) / tileHeight)
        var out: [Int] = []
        for tr in tr0...tr1 { for tc in tc0...tc1 { out.append(tr * tilesAcross + tc) } }
        return out
    }
}
