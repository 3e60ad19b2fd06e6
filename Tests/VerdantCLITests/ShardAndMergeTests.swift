import Foundation
import Testing
import TestSupport

/// `verdant estimate --shard K/N` and `verdant merge`: the merged outputs are the one-machine outputs byte for
/// byte (the JSON and the report but for the run's own time), K comes from the array job's variables, and a merge
/// of partials that are not every shard of one run exactly once is a clear error that writes nothing.
@Suite struct ShardAndMergeTests {
    static let sample = [
        "estimate", "--sensor", "sentinel2-l2a", "--raster", ProjectRoot.sample("sentinel2_l2a_stack.tif"),
        "--band", "scl=\(ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif"))",
        "--parcels", ProjectRoot.sample("sentinel2_parcels.geojson"), "--id-field", "parcel_id",
        "--model", "linear:-30,250", "--tile-size", "128", "--quiet"
    ]

    /// Runs the shards of the sample, K from `variable` (or `--shard K/N` when nil), into `folder`.
    static func shards(_ n: Int, in folder: TemporaryFolder, variable: String? = nil, extra: [String] = []) throws {
        for k in 0..<n {
            let r: VerdantBinary.Result
            if let variable {
                r = try VerdantBinary.run(
                    executable: "/usr/bin/env",
                    ["\(variable)=\(k)", VerdantBinary.path] + sample + extra + [
                        "--shard", "auto/\(n)", "--out", "part-{shard}.vpart"
                    ], in: folder.path)
            } else {
                r = try VerdantBinary.run(
                    sample + extra + ["--shard", "\(k)/\(n)", "--out", "part-\(k).vpart"], in: folder.path)
            }
            #expect(r.status == 0, "shard \(k)/\(n): \(r.stderr)")
        }
    }

    /// The JSON document without the run's own time (`started_at`, `seconds`, `phases_seconds`, wherever they are).
    static func timeless(_ path: String) throws -> NSObject {
        func strip(_ value: Any) -> Any {
            if let d = value as? [String: Any] {
                var out: [String: Any] = [:]
                for (k, v) in d where !["started_at", "seconds", "phases_seconds"].contains(k) { out[k] = strip(v) }
                return out as NSDictionary
            }
            if let a = value as? [Any] { return a.map(strip) as NSArray }
            return value
        }
        let any = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path)))
        return try #require(strip(any) as? NSObject)
    }

    @Test func fourShardsMergedAreTheOneMachineRunByteForByte() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A GeoPackage records when it was written: SOURCE_DATE_EPOCH fixes that time (for both runs).
        func reproducible(_ arguments: [String]) throws -> VerdantBinary.Result {
            try VerdantBinary.run(
                executable: "/usr/bin/env", ["SOURCE_DATE_EPOCH=1764547200", VerdantBinary.path] + arguments,
                in: folder.path)
        }
        // With a report, one machine reads every tile (for the scene's picture), as shards run --for-report do.
        for ext in ["csv", "gpkg", "geojson", "json"] {
            let one = try reproducible(
                Self.sample + ["--out", folder.file("one.\(ext)"), "--report", "one-\(ext).html"])
            #expect(one.status == 0, "\(one.stderr)")
        }
        try Self.shards(4, in: folder, extra: ["--for-report"])
        let parts = (0..<4).map { "part-\($0).vpart" }
        for ext in ["csv", "gpkg", "geojson", "json"] {
            let merged = try reproducible(["merge"] + parts + ["--out", "merged.\(ext)", "--quiet"])
            #expect(merged.status == 0, "\(merged.stderr)")
        }
        for ext in ["csv", "csvt", "gpkg", "geojson"] {
            #expect(
                FileManager.default.contents(atPath: folder.file("merged.\(ext)"))
                    == FileManager.default.contents(atPath: folder.file("one.\(ext)")),
                "the merged .\(ext) is the same bytes")
        }
        #expect(try Self.timeless(folder.file("merged.json")) == Self.timeless(folder.file("one.json")))
        // The report: the same page but for the line with the run's time.
        let merged = try VerdantBinary.run(
            ["merge"] + parts + ["--out", "m.csv", "--report", "merged.html", "-q"], in: folder.path)
        #expect(merged.status == 0, "\(merged.stderr)")
        func lines(_ name: String) throws -> [String] {
            try String(contentsOfFile: folder.file(name), encoding: .utf8).components(separatedBy: "<li>")
                .filter { !$0.contains("; started ") }
        }
        #expect(try lines("merged.html") == lines("one-csv.html"))
        try JSONOutputSchemaTests.check("partial.schema.json", file: folder.file("part-1.vpart"))
    }

    @Test func kFromSlurmKubernetesOrBatchAndTheMergeFromAnotherFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let one = try VerdantBinary.run(Self.sample + ["--out", folder.file("one.csv")])
        #expect(one.status == 0)
        for variable in ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"] {
            let run = try TemporaryFolder()
            defer { run.remove() }
            try Self.shards(3, in: run, variable: variable)
            #expect(
                run.contents().filter { $0.hasSuffix(".vpart") }.sorted() == [
                    "part-0.vpart", "part-1.vpart", "part-2.vpart"
                ])
            // Merged from the project's folder: the shards' relative paths hold in the folder they ran in.
            let merged = try VerdantBinary.run(
                [
                    "merge", run.file("part-0.vpart"), run.file("part-1.vpart"), run.file("part-2.vpart"), "--out",
                    "m.csv", "-q"
                ],
                in: folder.path)
            #expect(merged.status == 0, "\(variable): \(merged.stderr)")
            #expect(
                FileManager.default.contents(atPath: folder.file("m.csv"))
                    == FileManager.default.contents(atPath: folder.file("one.csv")), "\(variable)")
            try FileManager.default.removeItem(atPath: folder.file("m.csv"))
            try FileManager.default.removeItem(atPath: folder.file("m.csvt"))
        }
        // auto outside an array job says where K comes from.
        let none = try VerdantBinary.run(
            executable: "/usr/bin/env",
            [
                "-u", "SLURM_ARRAY_TASK_ID", "-u", "JOB_COMPLETION_INDEX", "-u", "AWS_BATCH_JOB_ARRAY_INDEX",
                VerdantBinary.path
            ]
                + Self.sample + ["--shard", "auto/4", "--out", "p.vpart"], in: folder.path)
        #expect(none.status == 1)
        #expect(none.stderr.contains("--shard auto/4") && none.stderr.contains("SLURM_ARRAY_TASK_ID"), "\(none.stderr)")
    }

    @Test func aMergeOfPartialsThatAreNotOneRunFailsAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.shards(3, in: folder)
        func merge(_ parts: [String], _ extra: [String] = []) throws -> VerdantBinary.Result {
            try VerdantBinary.run(["merge"] + parts + ["--out", "m.csv"] + extra, in: folder.path)
        }
        let missing = try merge(["part-0.vpart", "part-2.vpart"])
        #expect(missing.status == 1 && missing.stderr.contains("shard 1/3 is missing"), "\(missing.stderr)")
        let twice = try merge(["part-0.vpart", "part-1.vpart", "part-1.vpart", "part-2.vpart"])
        #expect(
            twice.status == 2 && twice.stderr.contains("part-1.vpart") && twice.stderr.contains("again"),
            "\(twice.stderr)")
        // A shard of another request (another model) is named.
        let other = try VerdantBinary.run(
            Self.sample.map { $0 == "linear:-30,250" ? "linear:-20,240" : $0 } + [
                "--shard", "1/3", "--out", "other.vpart"
            ],
            in: folder.path)
        #expect(other.status == 0, "\(other.stderr)")
        let changed = try merge(["part-0.vpart", "other.vpart", "part-2.vpart"])
        #expect(changed.status == 2 && changed.stderr.contains("other.vpart"), "\(changed.stderr)")
        // A report needs shards run --for-report.
        let report = try merge(["part-0.vpart", "part-1.vpart", "part-2.vpart"], ["--report", "r.html"])
        #expect(report.status == 1 && report.stderr.contains("--for-report"), "\(report.stderr)")
        let damaged = folder.file("damaged.vpart")
        try Data("{\"schema\": \"verdant-partial/1\"}".utf8).write(to: URL(fileURLWithPath: damaged))
        let bad = try merge(["part-0.vpart", "damaged.vpart", "part-2.vpart"])
        #expect(
            bad.status == 2 && bad.stderr.contains("damaged.vpart") && bad.stderr.contains("damaged partial"),
            "\(bad.stderr)")
        #expect(!folder.contents().contains { $0.hasPrefix("m.") || $0.hasPrefix("r.") }, "\(folder.contents())")
        // A shard writes only its partial: its other outputs belong to the merge.
        let extra = try VerdantBinary.run(
            Self.sample + ["--shard", "0/3", "--out", "x.vpart", "--report", "r.html"], in: folder.path)
        #expect(extra.status == 1 && extra.stderr.contains("verdant merge"), "\(extra.stderr)")
        let table = try VerdantBinary.run(Self.sample + ["--shard", "0/3", "--out", "x.csv"], in: folder.path)
        #expect(table.status == 1 && table.stderr.contains(".vpart"), "\(table.stderr)")
    }

    @Test func aShardRunAgainReplacesItsPartialAndNothingElse() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.shards(2, in: folder)
        let before = try #require(FileManager.default.contents(atPath: folder.file("part-1.vpart")))
        let again = try VerdantBinary.run(Self.sample + ["--shard", "1/2", "--out", "part-1.vpart"], in: folder.path)
        #expect(again.status == 0, "a shard run again replaces its own partial: \(again.stderr)")
        #expect(FileManager.default.contents(atPath: folder.file("part-1.vpart")) == before, "the same bytes")
        // Another shard's partial, or any other file, is not overwritten.
        let wrong = try VerdantBinary.run(Self.sample + ["--shard", "0/2", "--out", "part-1.vpart"], in: folder.path)
        #expect(wrong.status == 2 && wrong.stderr.contains("exists already"), "\(wrong.stderr)")
        #expect(FileManager.default.contents(atPath: folder.file("part-1.vpart")) == before)
        // A shard that fails leaves no partial.
        let failed = try VerdantBinary.run(
            Self.sample.map { $0.hasSuffix("sentinel2_parcels.geojson") ? folder.file("none.geojson") : $0 } + [
                "--shard", "0/2", "--out", "p.vpart"
            ], in: folder.path)
        #expect(failed.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.file("p.vpart")))
    }
}

/// `series --shard` and `credits --shard`: every date's estimate sharded, merged into the one-machine outputs.
@Suite struct SeriesAndCreditsShardTests {
    @Test func aShardedSeriesMergesIntoTheOneMachineTables() throws {
        let s = try SeriesFixture(dateCount: 14)
        defer { s.folder.remove() }
        let f = s.folder
        let base = SeriesCommandTests.model + ["--tile-size", "4", "-q"]
        let one = try VerdantBinary.run(
            s.series(
                base + [
                    "--out", f.file("one.csv"), "--summary-out", f.file("one-p.csv"), "--report", f.file("one.html")
                ]))
        #expect(one.status == 0, "\(one.stderr)")
        for k in 0..<3 {
            let r = try VerdantBinary.run(
                s.series(base + ["--shard", "\(k)/3", "--out", f.file("part-\(k).vpart")]), in: f.path)
            #expect(r.status == 0, "shard \(k): \(r.stderr)")
        }
        let merged = try VerdantBinary.run(
            ["merge"] + (0..<3).map { f.file("part-\($0).vpart") } + [
                "--out", f.file("m.csv"), "--summary-out", f.file("m-p.csv"), "--report", f.file("m.html"), "-q"
            ])
        #expect(merged.status == 0, "\(merged.stderr)")
        for (a, b) in [("one.csv", "m.csv"), ("one-p.csv", "m-p.csv"), ("one.csvt", "m.csvt"), ("one.html", "m.html")] {
            #expect(
                FileManager.default.contents(atPath: f.file(a)) == FileManager.default.contents(atPath: f.file(b)),
                "\(b) is \(a), byte for byte")
        }
        let parts =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: f.file("part-1.vpart"))))
            as? [String: Any]
        #expect(parts?["command"] as? String == "series")
        #expect((parts?["parts"] as? [Any])?.count == 14, "one part per date")
        // Options the series does not have are refused by the merge.
        let wrong = try VerdantBinary.run(
            ["merge"] + (0..<3).map { f.file("part-\($0).vpart") } + [
                "--out", f.file("w.csv"), "--quicklook", f.file("q.png")
            ])
        #expect(wrong.status == 1 && wrong.stderr.contains("--quicklook"), "\(wrong.stderr)")
    }

    @Test func shardedCreditsMergeIntoTheOneMachineReport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
        let args = [
            "credits", "--t0-raster", stack, "--t1-raster", stack, "--red", "B04", "--nir", "B08", "--scale", "0.0001",
            "--offset", "-0.1", "--parcels", ProjectRoot.sample("sentinel2_parcels.geojson"), "--id-field", "parcel_id",
            "--model", "linear:-30,250", "--tile-size", "128", "-q"
        ]
        for ext in ["csv", "json"] {
            let one = try VerdantBinary.run(args + ["--out", folder.file("one.\(ext)")])
            #expect(one.status == 0, "\(one.stderr)")
        }
        for k in 0..<3 {
            let r = try VerdantBinary.run(args + ["--shard", "\(k)/3", "--out", "part-\(k).vpart"], in: folder.path)
            #expect(r.status == 0, "shard \(k): \(r.stderr)")
        }
        for ext in ["csv", "json"] {
            let merged = try VerdantBinary.run(
                ["merge", "part-0.vpart", "part-1.vpart", "part-2.vpart", "--out", "m.\(ext)", "-q"], in: folder.path)
            #expect(merged.status == 0, "\(merged.stderr)")
        }
        #expect(
            FileManager.default.contents(atPath: folder.file("m.csv"))
                == FileManager.default.contents(atPath: folder.file("one.csv")))
        #expect(
            try ShardAndMergeTests.timeless(folder.file("m.json"))
                == ShardAndMergeTests.timeless(folder.file("one.json")))
    }
}
