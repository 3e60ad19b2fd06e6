import Dispatch
import GDALKit
import Synchronization

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
        if count == 0 { return [] }
        let results = ResultSlots<Partial>(count: count)
        let next = Atomic<Int>(0)
        let failed = Atomic<Bool>(false)
        let done = Atomic<Int>(0)
        let workers = max(1, min(threads, count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var worker: Worker
            do {
                worker = try makeWorker()
            } catch {
                results.fail(at: 0, error)
                failed.store(true, ordering: .relaxed)
                return
            }
            while !failed.load(ordering: .relaxed) {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if index >= count { break }
                let tile = selection?[index] ?? index
                do {
                    results.set(index, try process(&worker, tile, tiles[tile]))
                    if let progress { progress.report(done.wrappingAdd(1, ordering: .relaxed).newValue, count) }
                } catch {
                    results.fail(at: index, error)
                    failed.store(true, ordering: .relaxed)
                }
            }
        }
        return try results.collect()
    }
}

/// One slot per tile, written once each by whichever worker took the tile.
private final class ResultSlots<Partial: Sendable>: Sendable {
    private let slots: Mutex<[Partial?]>
    private let firstError = Mutex<(index: Int, error: any Error)?>(nil)

    init(count: Int) { slots = Mutex([Partial?](repeating: nil, count: count)) }

    func set(_ index: Int, _ value: Partial) { slots.withLock { $0[index] = value } }

    func fail(at index: Int, _ error: any Error) {
        firstError.withLock { current in
            if current == nil || index < current!.index { current = (index, error) }
        }
    }

    func collect() throws -> [Partial] {
        if let failure = firstError.withLock({ $0 }) { throw failure.error }
        return try slots.withLock { all in
            try all.enumerated().map { i, v in
                guard let v else { throw VerdantError.internal("tile \(i) was not processed") }
                return v
            }
        }
    }
}
