import Foundation
import Synchronization

/// Every temporary file a run has beside its outputs and not yet renamed into place or removed, so that an
/// interrupted run (SIGINT, SIGTERM) removes them before it exits.
public enum TemporaryFiles {
    private static let live = Mutex<Set<String>>([])
    private static let interrupted = Atomic<Bool>(false)

    /// Notes a temporary file (it need not exist yet). Once the run is interrupted, a thread that wants a new
    /// temporary file waits here until the process exits, so it never makes one.
    static func register(_ path: String) {
        while interrupted.load(ordering: .relaxed) { sleep(1) }
        _ = live.withLock { $0.insert(path) }
    }

    /// Notes a temporary file or folder of the caller's, to be removed if the run is interrupted.
    public static func note(_ path: String) { register(path) }

    /// Removes a temporary file or folder noted with `note` and forgets it.
    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
        unregister(path)
    }

    /// Forgets a temporary file that was renamed into place or removed.
    static func unregister(_ path: String) { _ = live.withLock { $0.remove(path) } }

    /// The temporary files noted and not yet forgotten.
    public static var paths: [String] { live.withLock { Array($0) }.sorted() }

    /// For an interrupted run: stops new temporary files, then removes every one noted, twice, a moment apart (a
    /// file noted just before may be created by its thread just after the first pass). Returns how many there were.
    @discardableResult
    public static func removeAllForInterruption() -> Int {
        interrupted.store(true, ordering: .relaxed)
        let paths = live.withLock { $0 }
        for pass in 0..<2 {
            if pass == 1 { usleep(200_000) }
            for path in paths { remove(files: path) }
        }
        live.withLock { $0.removeAll() }
        return paths.count
    }

    private static func remove(files path: String) {
        for suffix in ["", "-journal", "-wal", "-shm", ".aux.xml"] { unlink(path + suffix) }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Removes every temporary file noted (and the journal files SQLite may keep beside a GeoPackage).
    public static func removeAll() {
        let paths = live.withLock { all -> Set<String> in
            let copy = all
            all.removeAll()
            return copy
        }
        for path in paths { remove(files: path) }
    }
}
