import Foundation
import Synchronization

/// Publishes all outputs of a run together: while a publication is current (`Publication.together`), every output
/// is written to its hidden temporary file as usual, but renamed into place only when the whole run has succeeded,
/// all in one short step at the end. A run that fails or is killed before that step leaves none of its outputs
/// (and no temporary file, when it fails or is interrupted).
public final class Publication: Sendable {
    /// The publication of the current run, if any.
    @TaskLocal public static var current: Publication?

    private let pending = Mutex<[(temporary: String, output: OutputPath)]>([])

    /// An empty publication.
    public init() {}

    /// Runs `body` with a publication current, then publishes every output it wrote; when `body` throws, removes
    /// them instead.
    public static func together<T>(_ body: () throws -> T) throws -> T {
        let publication = Publication()
        let value: T
        do {
            value = try $current.withValue(publication) { try body() }
        } catch {
            publication.abandon()
            throw error
        }
        try publication.publish()
        return value
    }

    /// Notes a finished temporary file to rename onto `output` at the end.
    func add(temporary: String, output: OutputPath) {
        pending.withLock { list in
            if let i = list.firstIndex(where: { $0.output.path == output.path }) {
                unlink(list[i].temporary)
                TemporaryFiles.unregister(list[i].temporary)
                list.remove(at: i)
            }
            list.append((temporary, output))
        }
    }

    /// Where the finished content of `path` can be read before it is published (its temporary file), or `path`.
    public func readablePath(_ path: String) -> String {
        pending.withLock { $0.first { $0.output.path == path }?.temporary } ?? path
    }

    /// The outputs waiting to be published.
    public var outputs: [String] { pending.withLock { $0.map(\.output.path) } }

    /// Renames every finished output into place, in the order they were written.
    public func publish() throws {
        let list = pending.withLock { l -> [(temporary: String, output: OutputPath)] in
            let copy = l
            l.removeAll()
            return copy
        }
        for (i, item) in list.enumerated() {
            do { try item.output.rename(from: item.temporary) } catch {
                for rest in list[(i + 1)...] {
                    unlink(rest.temporary)
                    TemporaryFiles.unregister(rest.temporary)
                    OutputLocks.release(rest.output.path)
                }
                throw error
            }
        }
    }

    /// Removes every finished output without publishing it.
    public func abandon() {
        let list = pending.withLock { l -> [(temporary: String, output: OutputPath)] in
            let copy = l
            l.removeAll()
            return copy
        }
        for item in list {
            unlink(item.temporary)
            TemporaryFiles.unregister(item.temporary)
            OutputLocks.release(item.output.path)
        }
    }
}
