import GDALKit

/// Runs a per-tile function over all tiles on worker threads, each worker with its own state (its own GDAL
/// handles), and returns the per-tile results in tile order, so that reducing them in that order gives the
/// same bits for any number of workers.
public enum TileExecutor {
    /// Processes the tiles of `tiles` (all, or those listed in `selection`, in that order) on `threads` workers.
    /// `makeWorker` runs once on each worker thread; `process` runs once per tile. Results come in selection
    /// order. On failure, the error of the first failing tile in that order is thrown.
    public static func run<Worker, Partial: Sendable>(
        tiles: BlockWindows,
        selection: [Int]? = nil,
        threads: Int,
        progress: ProgressSink? = nil,
        makeWorker: @Sendable () throws -> Worker,
        process: @Sendable (inout Worker, _ tileIndex: Int, _ window: Window) throws -> Partial
    ) throws -> [Partial] {
        let count = selection?.count ?? tiles.count
        // The one worker pool: ParallelMap keeps results in order and throws the first failing index's error.
        return try ParallelMap.map(count: count, threads: threads, progress: progress, makeWorker: makeWorker) {
            worker, index in
            let tile = selection?[index] ?? index
            return try process(&worker, tile, tiles[tile])
        }
    }
}
