import Foundation
import Synchronization

/// An exclusive lock on one output path, held by a run from its first check of the output until the output is in
/// place, so that two runs never write the same output: the second fails at once with a clear error.
///
/// The lock is `flock(2)` on a hidden file beside the output (`.NAME.verdant-lock`). Taking it retries when the lock
/// file was removed by its previous holder meanwhile; releasing removes the lock file, then unlocks. The kernel
/// drops the lock of a killed process, and the next run on that output takes it, removes the lock file's leftover
/// and the killed run's temporary files (which it can prove are stale: no live run holds the lock).
public enum OutputLocks {
    private static let held = Mutex<[String: Int32]>([:])

    /// The lock file of `path`.
    static func lockFile(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).verdant-lock").path
    }

    /// Takes the lock of `path` (a no-op when this process holds it already); throws when another run holds it.
    static func acquire(_ path: String) throws {
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        if held.withLock({ $0[key] != nil }) { return }
        let file = lockFile(for: key)
        for _ in 0..<100 {
            let fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw VerdantError.output(
                    file: path, problem: "cannot create its lock file \(file): \(String(cString: strerror(errno)))")
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let reason = errno
                close(fd)
                if reason == EWOULDBLOCK {
                    throw VerdantError.output(
                        file: path,
                        problem:
                            "another Verdant run is writing it now (it holds \(file)); wait for it to finish or choose another output"
                    )
                }
                throw VerdantError.output(
                    file: path, problem: "cannot lock \(file): \(String(cString: strerror(reason)))")
            }
            // The previous holder may have removed the file between our open and our lock: lock the file now there.
            var a = stat(), b = stat()
            if fstat(fd, &a) == 0 && stat(file, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev {
                held.withLock { $0[key] = fd }
                removeStaleTemporaries(of: key)
                return
            }
            close(fd)
        }
        throw VerdantError.output(file: path, problem: "cannot take its lock \(file): it keeps changing")
    }

    /// Releases the lock of `path` if this process holds it.
    static func release(_ path: String) {
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let fd = held.withLock({ $0.removeValue(forKey: key) }) else { return }
        unlink(lockFile(for: key))
        close(fd)
    }

    /// Releases every lock this process holds (at exit, or when interrupted).
    public static func releaseAll() {
        let all = held.withLock { locks -> [String: Int32] in
            let copy = locks
            locks.removeAll()
            return copy
        }
        for (path, fd) in all {
            unlink(lockFile(for: path))
            close(fd)
        }
    }

    /// The paths whose locks this process holds.
    public static var heldPaths: [String] { held.withLock { Array($0.keys) }.sorted() }

    /// Removes temporary files of an output whose lock we hold: any run that made them is gone.
    private static func removeStaleTemporaries(of path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).verdant-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let live = Set(TemporaryFiles.paths)
        for name in names where name.hasPrefix(prefix) && name.contains(".tmp") {
            let stale = folder + "/" + name
            if !live.contains(where: { stale.hasPrefix($0) }) { unlink(stale) }
        }
    }
}
