import ArgumentParser
import Foundation
import Verdant

/// A sharded run's options: which shard, and whether it keeps the picture for the merge's report.
struct ShardOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Run shard K of N (K from 0) and write its partial to --out FILE.vpart, for `verdant merge`; auto/N takes K from SLURM_ARRAY_TASK_ID (less SLURM_ARRAY_TASK_MIN), JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX, and {shard} in --out becomes K.",
            valueName: "K/N"))
    var shard: String?

    @Flag(
        name: .customLong("for-report"),
        help:
            "With --shard: also keep the shard's part of the scene picture, so that the merge can write --report, --pdf and --quicklook."
    )
    var forReport = false

    /// The shard asked for, if any.
    func parsed() throws -> Shard? {
        if forReport && shard == nil { throw VerdantError.usage("--for-report goes with --shard K/N") }
        return try shard.map { try Shard(parsing: $0) }
    }

    /// Throws for the options a shard does not take: `given` (flag, value if given), and parcels on `-`.
    static func refuse(_ given: [(String, String?)], parcels: String?) throws {
        for (flag, value) in given where value != nil {
            throw VerdantError.usage(
                "a shard writes only its partial (--out FILE.vpart): give \(flag) to `verdant merge`\(flag == "--json" ? "" : " (and --for-report to every shard)")"
            )
        }
        if parcels == "-" {
            throw VerdantError.usage("--shard reads the parcels from a file, which every shard reads: not from -")
        }
    }

    /// Runs shard `shard` of `command` into `out` (its `{shard}` replaced): `write` gets the path, the command
    /// line to keep (when `verdant` was run as `verdant COMMAND …`) and the folder; prints what the shard did.
    static func run(
        _ shard: Shard, command: String, out: String, quiet: Bool,
        write: (_ path: String, _ arguments: [String]?, _ folder: String) throws -> ShardPartial
    ) throws {
        let path = shard.name(out)
        let line = CommandLine.arguments.dropFirst()
        let arguments = line.first == command ? requestArguments(Array(line.dropFirst())) : nil
        let partial = try write(path, arguments, FileManager.default.currentDirectoryPath)
        guard let first = partial.parts.first else { return }
        for w in first.layer.warnings { Console.warn(w) }
        if !quiet {
            let tiles = partial.parts.map(\.tiles.count).reduce(0, +)
            let all = partial.parts.map(\.grid.tiles).reduce(0, +)
            try Console.output(
                "shard \(shard): \(first.parcels.count) of \(first.layer.parcelCount) parcels, \(tiles) of \(all) tiles\(partial.parts.count > 1 ? " over \(partial.parts.count) estimates" : "") → \(path)"
            )
        }
    }

    /// The command line of a shard as `verdant merge` remakes its request: the arguments after the command's
    /// name, less the shard's own (`--shard`, `--for-report`, `--out`, `--force`).
    static func requestArguments(_ arguments: [String]) -> [String] {
        let valued: Set<String> = ["--shard", "--out", "-o"]
        let flags: Set<String> = ["--for-report", "--force", "-f"]
        var out: [String] = []
        var skip = false
        for a in arguments {
            if skip {
                skip = false
                continue
            }
            if valued.contains(a) {
                skip = true
                continue
            }
            if flags.contains(a) || valued.contains(where: { a.hasPrefix($0 + "=") }) { continue }
            out.append(a)
        }
        return out
    }
}
