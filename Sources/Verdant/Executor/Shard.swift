import Foundation

/// One of the parts of a sharded run: shard `index` of `count` (`--shard K/N`, K from 0).
///
/// `auto/N` takes K from the array job's environment: Slurm's `SLURM_ARRAY_TASK_ID` less `SLURM_ARRAY_TASK_MIN`,
/// a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX`, or AWS Batch's `AWS_BATCH_JOB_ARRAY_INDEX`, in that order.
public struct Shard: Hashable, Sendable, Codable, CustomStringConvertible {
    /// K, from 0.
    public let index: Int
    /// N, at least 1.
    public let count: Int

    /// Shard `index` of `count`; throws unless 0 ≤ index < count.
    public init(index: Int, count: Int) throws {
        guard count >= 1 else {
            throw VerdantError.invalidParameter(.shard, problem: "needs at least 1 shard (got \(count))")
        }
        guard (0..<count).contains(index) else {
            throw VerdantError.invalidParameter(
                .shard, problem: "\(index)/\(count): K must be from 0 to \(count - 1) (shards are counted from 0)")
        }
        self.index = index
        self.count = count
    }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }

    /// The variables an array job's index is read from, in the order they are tried.
    public static let indexVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"]

    /// Parses `K/N` or `auto/N` (K from `environment`, by default the process's).
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let count = Int(parts[1]) else {
            throw VerdantError.invalidParameter(
                .shard, problem: "'\(text)' is not K/N or auto/N (e.g. 0/4: the first of 4 shards)")
        }
        if parts[0].lowercased() == "auto" {
            try self.init(index: try Shard.index(from: environment, count: count), count: count)
        } else {
            guard let index = Int(parts[0]) else {
                throw VerdantError.invalidParameter(
                    .shard, problem: "'\(text)' is not K/N or auto/N (e.g. 0/4: the first of 4 shards)")
            }
            try self.init(index: index, count: count)
        }
    }

    /// K from an array job's variables.
    static func index(from environment: [String: String], count: Int) throws -> Int {
        func number(_ name: String) throws -> Int? {
            guard let text = environment[name] else { return nil }
            guard let v = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw VerdantError.invalidParameter(
                    .shard, problem: "auto/\(count): \(name) is '\(text)', not a number")
            }
            return v
        }
        if let task = try number("SLURM_ARRAY_TASK_ID") {
            // An array given as --array=1-4 starts at 1: its shards are the tasks' places in the array.
            return task - (try number("SLURM_ARRAY_TASK_MIN") ?? 0)
        }
        if let k = try number("JOB_COMPLETION_INDEX") { return k }
        if let k = try number("AWS_BATCH_JOB_ARRAY_INDEX") { return k }
        throw VerdantError.invalidParameter(
            .shard,
            problem:
                "auto/\(count): none of \(indexVariables.joined(separator: ", ")) is set; run it as a Slurm array task, a Kubernetes Indexed Job or an AWS Batch array job, or give K/\(count)"
        )
    }

    /// `path` with `{shard}` replaced by K (so that the tasks of one array job write one file each).
    public func name(_ path: String) -> String {
        path.replacingOccurrences(of: "{shard}", with: String(index))
    }
}
