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
