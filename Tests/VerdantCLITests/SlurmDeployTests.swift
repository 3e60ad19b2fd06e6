import Foundation
import Testing
import TestSupport

/// deploy/slurm/ on a real one-node Slurm cluster (slurmctld, slurmd and munged started for each test and stopped
/// after it): job arrays and afterok dependencies, submit.sh's wiring of the two .sbatch scripts, and the sharded
/// sample job merged byte for byte into the one-machine run's table.
@Suite(
    .serialized,
    .enabled(
        if: SlurmCluster.available,
        "needs Slurm and MUNGE (Debian: slurm-wlm, munge; .ci/run installs them) and root, for a one-node cluster"))
struct SlurmDeployTests {
    /// deploy/slurm/.
    static let scripts = ProjectRoot.path + "/deploy/slurm"
    /// The README's sample job, without --out (the shards and the merge add theirs).
    static let sample = [
        "--sensor", "sentinel2-l2a", "--raster", ProjectRoot.sample("sentinel2_l2a_stack.tif"),
        "--band", "scl=\(ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif"))",
        "--parcels", ProjectRoot.sample("sentinel2_parcels.geojson"), "--id-field", "parcel_id",
        "--model", "linear:-30,250", "--quiet"
    ]
    /// How long a test waits for a job at most.
    static let timeout: TimeInterval = 300

    @Test func anArrayRunsEveryTaskAndTheAfterOKJobRunsAfterThem() throws {
        let cluster = try SlurmCluster.start()
        defer { cluster.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let array = try cluster.submit(
            [
                "--array=0-3", "--output=\(folder.path)/task-%a.log",
                "--wrap", "sleep 1; echo $SLURM_ARRAY_TASK_ID > \(folder.path)/task-$SLURM_ARRAY_TASK_ID.txt"
            ], in: folder.path)
        let after = try cluster.submit(
            [
                "--dependency=afterok:\(array)", "--output=\(folder.path)/after.log",
                "--wrap", "cat \(folder.path)/task-*.txt > \(folder.path)/after.txt"
            ], in: folder.path)
        let tasks = try cluster.waitForJob(array, timeout: Self.timeout)
        #expect(tasks == Dictionary(uniqueKeysWithValues: (0..<4).map { ("\(array)_\($0)", "COMPLETED") }))
        let states = try cluster.waitForJob(after, timeout: Self.timeout)
        #expect(states == [after: "COMPLETED"], "\(cluster.logTails())")
        for task in 0..<4 {
            let text = try String(contentsOfFile: folder.file("task-\(task).txt"), encoding: .utf8)
            #expect(text == "\(task)\n")
        }
        // The dependent job saw all four tasks' files: it ran after them.
        #expect(try String(contentsOfFile: folder.file("after.txt"), encoding: .utf8) == "0\n1\n2\n3\n")
    }

    @Test func whenATaskFailsTheAfterOKJobIsCancelled() throws {
        let cluster = try SlurmCluster.start()
        defer { cluster.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let array = try cluster.submit(
            ["--array=0-1", "--output=/dev/null", "--wrap", "exit $SLURM_ARRAY_TASK_ID"], in: folder.path)
        let after = try cluster.submit(
            [
                "--dependency=afterok:\(array)", "--kill-on-invalid-dep=yes", "--output=/dev/null",
                "--wrap", "touch \(folder.path)/ran"
            ], in: folder.path)
        let tasks = try cluster.waitForJob(array, timeout: Self.timeout)
        #expect(tasks == ["\(array)_0": "COMPLETED", "\(array)_1": "FAILED"])
        #expect(try cluster.waitForJob(after, timeout: Self.timeout) == [after: "CANCELLED"])
        #expect(!FileManager.default.fileExists(atPath: folder.file("ran")))
    }

    /// submit.sh with a stand-in `verdant` that records its arguments: one task per shard, each with the job's
    /// arguments from the file, `--shard auto/4` and the `{shard}` partial; then one merge of all four partials.
    @Test func submitRunsTheArrayThenTheMergeWithTheJobsArguments() throws {
        let cluster = try SlurmCluster.start()
        defer { cluster.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let stub = folder.file("verdant-stub")
        try Data(
            """
            #!/bin/sh
            # Records its arguments: estimate in the partial it was told to write, merge in its --out.
            command=$1; shift
            for a; do [ "$previous" = --out ] && out=$a; previous=$a; done
            if [ "$command" = estimate ]; then
                shard=$((SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN))
                out=$(printf '%s' "$out" | sed "s/{shard}/$shard/")
            fi
            printf '%s\\n' "$command" "$@" > "$out"

            """.utf8
        ).write(to: URL(fileURLWithPath: stub))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stub)
        try Data("# the job\n--raster\n\(folder.path)/a scene.tif\n\n--model\nlinear:-30,250\n".utf8).write(
            to: URL(fileURLWithPath: folder.file("job.args")))
        let (array, merge) = try submit(
            cluster, in: folder, environment: ["VERDANT": stub, "VERDANT_ARGS_FILE": "job.args", "OUT": "merged.csv"])
        #expect(
            try cluster.waitForJob(array, timeout: Self.timeout).values.sorted()
                == Array(repeating: "COMPLETED", count: 4))
        #expect(try cluster.waitForJob(merge, timeout: Self.timeout) == [merge: "COMPLETED"])
        for shard in 0..<4 {
            let text = try String(contentsOfFile: folder.file("parts/part-\(shard).vpart"), encoding: .utf8)
            #expect(
                text.split(separator: "\n").map(String.init) == [
                    "estimate", "--raster", "\(folder.path)/a scene.tif", "--model", "linear:-30,250", "--shard",
                    "auto/4", "--out", "\(folder.path)/parts/part-{shard}.vpart"
                ])
        }
        let merged = try String(contentsOfFile: folder.file("merged.csv"), encoding: .utf8)
        #expect(
            merged.split(separator: "\n").map(String.init)
                == ["merge"] + (0..<4).map { "\(folder.path)/parts/part-\($0).vpart" } + [
                    "--out", folder.file("merged.csv")
                ])
    }

    @Test func aFailingShardStopsTheMerge() throws {
        let cluster = try SlurmCluster.start()
        defer { cluster.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // The real verdant, given a raster that is not there (and, before sharded runs, an unknown --shard): every
        // shard fails, so Slurm cancels the merge.
        let (array, merge) = try submit(
            cluster, in: folder,
            environment: [
                "VERDANT": VerdantBinary.path, "OUT": "merged.csv",
                "VERDANT_ARGS": "--raster \(folder.path)/absent.tif --model linear:-30,250"
            ])
        #expect(try cluster.waitForJob(array, timeout: Self.timeout).values.allSatisfy { $0 == "FAILED" })
        #expect(try cluster.waitForJob(merge, timeout: Self.timeout) == [merge: "CANCELLED"])
        #expect(!FileManager.default.fileExists(atPath: folder.file("merged.csv")))
    }

    @Test
    func theShardedSampleJobMergesToTheOneMachineTable() throws {
        let cluster = try SlurmCluster.start()
        defer { cluster.stop() }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Tiles of 128 cells: the sample's 3 tile rows fall to different shards.
        let job = Self.sample + ["--tile-size", "128"]
        let single = try VerdantBinary.run(["estimate"] + job + ["--out", folder.file("single.csv")])
        #expect(single.status == 0, "\(single.stderr)")
        try Data(job.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: folder.file("job.args")))
        let (array, merge) = try submit(
            cluster, in: folder,
            environment: ["VERDANT": VerdantBinary.path, "VERDANT_ARGS_FILE": "job.args", "OUT": "merged.csv"])
        let shards = try cluster.waitForJob(array, timeout: Self.timeout)
        #expect(shards.count == 4 && shards.values.allSatisfy { $0 == "COMPLETED" }, "\(shards)\n\(logs(folder))")
        let merged = try cluster.waitForJob(merge, timeout: Self.timeout)
        #expect(merged == [merge: "COMPLETED"], "\(logs(folder))")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.file("parts")).filter { $0.hasSuffix(".vpart") }
                .sorted()
                == (0..<4).map { "part-\($0).vpart" })
        let one = try #require(FileManager.default.contents(atPath: folder.file("single.csv")))
        let sharded = try #require(FileManager.default.contents(atPath: folder.file("merged.csv")), "\(logs(folder))")
        #expect(sharded == one, "the merged table is the one-machine run's, byte for byte")
    }

    /// Runs deploy/slurm/submit.sh with 4 shards and the partials in `folder`/parts; the two job ids it printed.
    private func submit(
        _ cluster: SlurmCluster, in folder: TemporaryFolder, environment: [String: String]
    ) throws -> (array: String, merge: String) {
        var env = ["SHARDS": "4", "PARTS": "parts"]
        env.merge(environment) { _, new in new }
        let result = try cluster.command(Self.scripts + "/submit.sh", [], in: folder.path, variables: env)
        #expect(result.status == 0, "\(result.stderr)")
        let ids = Dictionary(
            result.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
                let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
                return parts.count == 2 ? (parts[0], parts[1]) : nil
            }, uniquingKeysWith: { _, last in last })
        let array = try #require(ids["ARRAY_JOB_ID"], "submit.sh printed \(result.stdout)")
        let merge = try #require(ids["MERGE_JOB_ID"], "submit.sh printed \(result.stdout)")
        #expect(array.allSatisfy(\.isNumber) && merge.allSatisfy(\.isNumber) && array != merge)
        return (array, merge)
    }

    /// The jobs' logs (submit.sh writes them to parts/logs), for failure messages.
    private func logs(_ folder: TemporaryFolder) -> String {
        let logs = folder.file("parts/logs")
        return ((try? FileManager.default.contentsOfDirectory(atPath: logs)) ?? []).sorted().map { name in
            "--- \(name)\n" + ((try? String(contentsOfFile: logs + "/" + name, encoding: .utf8)) ?? "")
        }.joined(separator: "\n")
    }
}
