import Foundation

/// Reads and writes `.vpart` files: a `ShardPartial` as JSON, written in one step (a killed shard never leaves
/// a partial that merges).
public enum PartialFile {
    /// The extension of partials.
    public static let fileExtension = "vpart"

    /// True when `path` ends in `.vpart`.
    public static func isPartial(_ path: String) -> Bool {
        path.lowercased().hasSuffix("." + fileExtension)
    }

    /// The partial as JSON: numbers in their exact shortest form, keys sorted.
    public static func data(_ partial: ShardPartial) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(partial)
    }

    /// Reads the partial at `path`; a file that is not one is an error naming it.
    public static func read(_ path: String) throws -> ShardPartial {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VerdantError.input(
                file: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        struct Head: Decodable {
            var schema: String?
            var schema_version: String?
        }
        let head: Head
        do { head = try JSONDecoder().decode(Head.self, from: data) } catch {
            throw VerdantError.input(file: path, problem: "is not a partial of a sharded run (not JSON)")
        }
        if let problem = OutputSchema.partial.problem(
            schema: head.schema ?? "none", schemaVersion: head.schema_version)
        {
            throw VerdantError.input(file: path, problem: "is not a partial of this Verdant: it \(problem)")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try decoder.decode(ShardPartial.self, from: data) } catch {
            throw VerdantError.input(file: path, problem: "is a damaged partial (\(describe(error)))")
        }
    }

    /// Reads the partials at `paths`, several at once (decoding dominates a merge's time); the first error in
    /// path order is thrown.
    public static func read(_ paths: [String]) throws -> [ShardPartial] {
        // An NSLock, which Thread Sanitizer sees (it does not see Synchronization's futex-based Mutex on Linux).
        final class Slots: @unchecked Sendable {
            let lock = NSLock()
            var results: [Result<ShardPartial, any Error>?]
            init(_ n: Int) { results = Array(repeating: nil, count: n) }
        }
        let slots = Slots(paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let r = Result { try read(paths[i]) }
            slots.lock.withLock { slots.results[i] = r }
        }
        return try slots.lock.withLock { slots.results }.map { try $0!.get() }
    }

    /// Writes `partial` to `path` in one step. An existing file is replaced when it is a partial of the same
    /// shard of the same run (a shard run again), or with `overwrite`; any other is refused.
    public static func write(_ partial: ShardPartial, to path: String, inputs: [String], overwrite: Bool) throws {
        let data = try self.data(partial)
        try OutputPath(path, inputs: inputs, overwrite: overwrite || replaces(path, with: partial)).write(data)
    }

    /// True when the file at `path` is a partial of the same shard of the same run as `partial`.
    static func replaces(_ path: String, with partial: ShardPartial) -> Bool {
        guard FileManager.default.fileExists(atPath: path), let old = try? read(path) else { return false }
        return old.command == partial.command && old.shard == partial.shard
            && old.parts.map(\.requestSHA256) == partial.parts.map(\.requestSHA256)
    }

    /// Runs a shard whose parts `make` makes and writes its partial to `path` (`command`'s shard `shard`):
    /// the path is checked (and locked) before any work, and written once the shard is done.
    public static func run(
        command: String, shard: Shard, to path: String, inputs: [String], overwrite: Bool,
        arguments: [String]?, workingDirectory: String?, make: () throws -> [EstimatePartial]
    ) throws -> ShardPartial {
        guard isPartial(path) else {
            throw VerdantError.invalidParameter(
                .out,
                problem: "\(path): a shard writes its partial to a .vpart file (e.g. part-\(shard.index).vpart)")
        }
        // Before any work: another file there is refused (a partial of this shard is checked again once made).
        let ours = (try? read(path)).map { $0.command == command && $0.shard == shard } ?? false
        _ = try OutputPath(path, inputs: inputs, overwrite: overwrite || ours)
        let partial = ShardPartial(
            command: command, shard: shard, parts: try make(), arguments: arguments, workingDirectory: workingDirectory)
        try write(partial, to: path, inputs: inputs, overwrite: overwrite)
        return partial
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let c):
            return "no '\(key.stringValue)' at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c),
            DecodingError.dataCorrupted(let c):
            return "bad value at \(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
