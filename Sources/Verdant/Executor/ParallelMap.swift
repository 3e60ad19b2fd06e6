import Dispatch
import Synchronization

/// Maps `0..<count` on worker threads, each with its own state (e.g. a non-thread-safe GDAL object), keeping
/// the results in index order; the error of the lowest failing index is thrown.
public enum ParallelMap {
    /// `body(worker, i)` for every i, on `threads` workers.
    public static func map<Worker, Result: Sendable>(
        count: Int, threads: Int, progress: ProgressSink? = nil,
        makeWorker: @Sendable () throws -> Worker,
        body: @Sendable (inout Worker, Int) throws -> Result
    ) throws -> [Result] {
        if count == 0 { return [] }
        let slots = Mutex<[Result?]>(Array(repeating: nil, count: count))
        let failure = Mutex<(Int, any Error)?>(nil)
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            var worker: Worker
            do { worker = try makeWorker() } catch {
                failure.withLock { if $0 == nil { $0 = (-1, error) } }
                return
            }
            while !failure.withLock({ $0 != nil }) {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= count { break }
                do {
                    let r = try body(&worker, i)
                    slots.withLock { $0[i] = r }
                    if let progress { progress.report(done.wrappingAdd(1, ordering: .relaxed).newValue, count) }
                } catch {
                    failure.withLock { current in if current == nil || i < current!.0 { current = (i, error) } }
                }
            }
        }
        if let f = failure.withLock({ $0 }) { throw f.1 }
        return slots.withLock { $0.map { $0! } }
    }
}

extension ParallelMap {
    /// Text made on `threads` workers in chunks of `chunk` items (`body` appends items `range` to a chunk's text),
    /// joined in item order: the same text for any number of workers.
    static func text(
        count: Int, chunk: Int, threads: Int,
        body: @Sendable (_ range: Range<Int>, _ text: inout String) throws -> Void
    ) throws -> String {
        try map(
            count: (count + chunk - 1) / chunk, threads: threads, makeWorker: { () },
            body: { _, c -> String in
                var text = ""
                try body((c * chunk)..<min(count, (c + 1) * chunk), &text)
                return text
            }
        ).joined()
    }
}
