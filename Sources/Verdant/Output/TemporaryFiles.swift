import Foundation
import Synchronization

/// Every temporary file a run has beside its outputs and not yet renamed into place or removed, so that an
/// interrupted run (SIGINT, SIGTERM) removes them before it exits.
public enum TemporaryFiles {
    private static let live = Mutex<Set<String>>([])

    /// Notes a temporary file (it need not exist yet).
    static func register(_ path: String) { _ = live.withLock { $0.insert(path) } }

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

    /// Removes every temporary file noted (and the journal files SQLite may keep beside a GeoPackage).
    public static func removeAll() {
        let paths = live.withLock { all -> Set<String> in
            let copy = all
            all.removeAll()
            return copy
        }
        for path in paths {
            for suffix in ["", "-journal", "-wal", "-shm", ".aux.xml"] { unlink(path + suffix) }
            // A folder of temporaries (e.g. a scratch folder).
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
