import GDALKit

/// The coverage of every parcel on one grid, computed once (in parallel) and reusable for any raster on that
/// grid, with the index of which parcels touch which tile.
public struct GridCoverage: Sendable {
    /// The grid.
    public let grid: CellGrid
    /// The tiles the index refers to.
    public let tiles: BlockWindows
    /// One coverage per parcel, in parcel order.
    public let parcels: [SparseCoverage]
    /// For each tile, the parcels (indices) that cover at least one of its cells, in parcel order.
    public let parcelsByTile: [[Int32]]

    /// Computes the coverage of `polygons` on `grid` with `threads` workers.
    public init(polygons: [MultiPolygon], grid: CellGrid, tiles: BlockWindows, threads: Int) {
        // Cannot throw: neither closure does.
        let coverages = try! ParallelMap.map(count: polygons.count, threads: threads, makeWorker: { () }) { _, i in
            SparseCoverage(polygon: polygons[i], grid: grid)
        }
        self.init(coverages: coverages, grid: grid, tiles: tiles)
    }

    /// Indexes coverages computed already (one per parcel, on `grid`) by the tiles they touch.
    public init(coverages: [SparseCoverage], grid: CellGrid, tiles: BlockWindows) {
        self.grid = grid
        self.tiles = tiles
        parcels = coverages
        var byTile = [[Int32]](repeating: [], count: tiles.count)
        for (p, coverage) in parcels.enumerated() {
            guard let w = coverage.window,
                let window = try? Window(columnOffset: w.column, rowOffset: w.row, width: w.width, height: w.height)
            else { continue }
            for t in tiles.indices(overlapping: window) {
                let tile = tiles[t]
                let cells = CellWindow(
                    column: tile.columnOffset, row: tile.rowOffset, width: tile.width, height: tile.height)!
                var touches = false
                coverage.forEachCellStop(in: cells) { touches = true }
                if touches { byTile[t].append(Int32(p)) }
            }
        }
        parcelsByTile = byTile
    }

    /// The cells of tile `tile` that at least one parcel covers (row-major indices within the tile).
    public func coveredCells(ofTile tile: Int) -> CellRuns {
        let w = tiles[tile]
        let window = CellWindow(column: w.columnOffset, row: w.rowOffset, width: w.width, height: w.height)!
        var ranges: [Range<Int>] = []
        for p in parcelsByTile[tile] {
            parcels[Int(p)].forEachSpan(in: window) { row, columns, _ in
                let start = (row - window.row) * window.width - window.column
                ranges.append((start + columns.lowerBound)..<(start + columns.upperBound))
            }
        }
        return CellRuns(union: ranges)
    }

    /// Indices of the tiles that any parcel touches, in tile order.
    public var tilesWithParcels: [Int] { parcelsByTile.indices.filter { !parcelsByTile[$0].isEmpty } }
}

extension SparseCoverage {
    /// Calls `found` once if any covered cell lies in `tile`.
    func forEachCellStop(in tile: CellWindow, _ found: () -> Void) {
        guard let window, let part = window.intersection(tile) else { return }
        for row in part.row..<part.endRow {
            let k = row - window.row
            for s in Int(rowStarts[k])..<Int(rowStarts[k + 1]) {
                let span = spans[s]
                if max(Int(span.column), part.column) < min(Int(span.column + span.length), part.endColumn) {
                    found()
                    return
                }
            }
        }
    }
}
