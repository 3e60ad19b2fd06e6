import Foundation

/// A value behind a lock (a pthread mutex through `NSLock`), shared between threads. Used instead of the standard
/// library's `Mutex`, whose futex-based lock Thread Sanitizer does not see on Linux (so that every access under it
/// is reported as a race).
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` on the value with the lock held.
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
