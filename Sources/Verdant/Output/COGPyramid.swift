/// The tiles of a COG and of its overviews: level 0 is the raster, level k + 1 halves level k (rounding up, as
/// GDAL's overview sizes do), down to the first level that fits in one tile. Every level is cut into square tiles
/// of `tileSize` cells from its top-left corner; a tile of level k + 1 is made from the 2 × 2 tiles of level k
/// below it (fewer at the right and bottom edges).
struct COGPyramid: Hashable, Sendable {
    /// One tile: its level, band (0-based) and column and row among the level's tiles.
    struct Tile: Hashable, Sendable, Comparable {
        var level: Int
        var band: Int
        var column: Int
        var row: Int

        static func < (a: Tile, b: Tile) -> Bool {
            (a.level, a.band, a.row, a.column) < (b.level, b.band, b.row, b.column)
        }
    }

    /// The tile edge in cells (even).
    let tileSize: Int
    /// The bands.
    let bands: Int
    /// Width of each level, level 0 first.
    let widths: [Int]
    /// Height of each level, level 0 first.
    let heights: [Int]

    /// The pyramid of a `width` × `height` raster of `bands` bands cut into `tileSize` tiles.
    init(width: Int, height: Int, bands: Int, tileSize: Int) {
        precondition(width > 0 && height > 0 && bands > 0 && tileSize > 0 && tileSize % 2 == 0)
        self.tileSize = tileSize
        self.bands = bands
        var widths = [width], heights = [height]
        while widths.last! > tileSize || heights.last! > tileSize {
            widths.append((widths.last! + 1) / 2)
            heights.append((heights.last! + 1) / 2)
        }
        self.widths = widths
        self.heights = heights
    }

    /// The number of levels (1 + the overviews).
    var levels: Int { widths.count }

    /// Tiles across and down level `level`.
    func grid(_ level: Int) -> (columns: Int, rows: Int) {
        ((widths[level] + tileSize - 1) / tileSize, (heights[level] + tileSize - 1) / tileSize)
    }

    /// Tiles of one band of level `level`.
    func tilesPerBand(_ level: Int) -> Int {
        let g = grid(level)
        return g.columns * g.rows
    }

    /// The cells of `tile` inside its level: width and height (the tile's right and bottom edges may stick out).
    func extent(_ tile: Tile) -> (width: Int, height: Int) {
        (
            min(tileSize, widths[tile.level] - tile.column * tileSize),
            min(tileSize, heights[tile.level] - tile.row * tileSize)
        )
    }

    /// The tile of the next level that `tile` is reduced into, and where its reduced cells start in that tile;
    /// nil for the last level.
    func parent(of tile: Tile) -> (tile: Tile, column: Int, row: Int)? {
        guard tile.level + 1 < levels else { return nil }
        let half = tileSize / 2
        return (
            Tile(level: tile.level + 1, band: tile.band, column: tile.column / 2, row: tile.row / 2),
            (tile.column % 2) * half, (tile.row % 2) * half
        )
    }

    /// How many tiles of the level below make `tile` (1 to 4); 0 for level 0.
    func children(of tile: Tile) -> Int {
        guard tile.level > 0 else { return 0 }
        let below = grid(tile.level - 1)
        let columns = min(2, below.columns - 2 * tile.column), rows = min(2, below.rows - 2 * tile.row)
        return columns * rows
    }

    /// Every tile, level by level, band by band, row by row.
    var allTiles: [Tile] {
        var tiles: [Tile] = []
        for level in 0..<levels {
            let g = grid(level)
            for band in 0..<bands {
                for row in 0..<g.rows {
                    for column in 0..<g.columns {
                        tiles.append(Tile(level: level, band: band, column: column, row: row))
                    }
                }
            }
        }
        return tiles
    }
}
