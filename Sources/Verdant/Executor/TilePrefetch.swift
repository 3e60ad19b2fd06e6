import Dispatch
import GDALKit
import Synchronization

/// Decodes tiles ahead, in tile order, on one background thread with its own GDAL handles, while the caller does
/// other work (an estimate prepares its parcels meanwhile, much of it on one thread). Stops at a memory budget or
/// when asked; the tile pass then takes the decoded tiles instead of reading them again. Errors are not reported
/// here: a tile that could not be read ahead is read (and its error thrown) by the tile pass.
public final class TilePrefetch: Sendable {
    private let ready = Mutex<[Int: RawTile]>([:])
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchGroup()

    /// Starts decoding `tiles` of `inputs` (those of `only`, when given: a shard's) in tile order, holding at most
    /// `budgetBytes` of decoded tiles.
    public init(inputs: ResolvedInputs, tiles: BlockWindows, only: [Int]? = nil, budgetBytes: Int) {
        let order = only ?? Array(0..<tiles.count)
        guard budgetBytes > 0 else { return }
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { done.leave() }
            guard let reader = try? TileReader(inputs: inputs) else { return }
            var held = 0
            for t in order {
                if stopped.load(ordering: .relaxed) { return }
                guard let tile = try? reader.decode(tiles[t]) else { return }
                held += tile.byteCount
                ready.withLock { $0[t] = tile }
                if held >= budgetBytes { return }
            }
        }
    }

    /// Asks reading ahead to stop after the tile being decoded, without waiting.
    public func finish() {
        stopped.store(true, ordering: .relaxed)
    }

    /// Stops reading ahead and waits for the tile being decoded.
    public func stop() {
        stopped.store(true, ordering: .relaxed)
        done.wait()
    }

    /// Waits until reading ahead ends by itself (every tile decoded, the budget reached, or a tile unreadable).
    public func waitUntilDone() { done.wait() }

    /// The decoded tile `index`, handed over once (nil when it was not read ahead).
    public func take(_ index: Int) -> RawTile? {
        ready.withLock { $0.removeValue(forKey: index) }
    }

    /// How many decoded tiles are waiting.
    public var waiting: Int { ready.withLock { $0.count } }
}
