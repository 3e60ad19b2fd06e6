import Foundation
import Testing
import TestSupport

@Suite struct JobFileTests {
    static func write(_ folder: TemporaryFolder, _ text: String) throws -> String {
        try FileManager.default.copyItem(
            atPath: ProjectRoot.sample("sentinel2_l2a_stack.tif"), toPath: folder.file("s2.tif"))
        try FileManager.default.copyItem(
            atPath: ProjectRoot.sample("sentinel2_parcels.geojson"), toPath: folder.file("parcels.geojson"))
        try FileManager.default.createDirectory(atPath: folder.file("out"), withIntermediateDirectories: true)
        try text.write(toFile: folder.file("job.yaml"), atomically: true, encoding: .utf8)
        return folder.file("job.yaml")
    }

    static let twoJobs = """
        defaults:
          model: linear:-30,250
          scale: 0.0001
          offset: -0.1
        jobs:
          - name: parcels
            command: estimate
            raster: s2.tif
            red: B04
            nir: B08
            parcels: parcels.geojson
            id_field: parcel_id
            out: out/parcels.csv
          - name: ndvi
            command: map
            raster: [s2.tif]
            red: B04
            nir: B08
            ndvi-out: out/ndvi.tif
            quiet: true
        """

    @Test func theReportsCoverComesFromTheJobFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let job = try Self.write(
            folder,
            """
            jobs:
              - name: report
                command: estimate
                raster: s2.tif
                red: B04
                nir: B08
                scale: 0.0001
                offset: -0.1
                model: linear:-30,250
                parcels: parcels.geojson
                id_field: parcel_id
                out: out/parcels.csv
                report: out/report.html
                title: Mae Hong Son reforestation
                site: Pai district
                author: J. Doe
                organisation: Forest Office
            """)
        let r = try VerdantBinary.run(["run", job], in: "/")
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: folder.file("out/report.html"), encoding: .utf8)
        #expect(html.contains("<h1>Mae Hong Son reforestation</h1>") && html.contains("Site: Pai district"))
        #expect(html.contains("Prepared by J. Doe, Forest Office"))
    }

    @Test func runsTwoJobsWithPathsRelativeToTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let job = try Self.write(folder, Self.twoJobs)
        let r = try VerdantBinary.run(["run", job], in: "/")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.file("out/parcels.csv")))
        #expect(FileManager.default.fileExists(atPath: folder.file("out/ndvi.tif")))
        #expect(
            try String(contentsOfFile: folder.file("out/parcels.csv"), encoding: .utf8).components(separatedBy: "\n")
                .count == 11)
    }

    @Test func runsASeriesAndACompositeWithADatesTableRelativeToTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let job = try Self.write(
            folder,
            """
            defaults:
              red: B04
              nir: B08
              scale: 0.0001
              offset: -0.1
            jobs:
              - name: series
                command: series
                dates: dates.csv
                parcels: parcels.geojson
                id-field: parcel_id
                out: out/series.csv
                summary-out: out/parcels.csv
                quiet: true
              - name: composite
                command: composite
                dates: dates.csv
                method: median
                out: out/median.tif
                count-out: out/count.tif
                quiet: true
            """)
        // Two dates of the same scene, given by a table beside the job file.
        try "date,raster\n2024-01-05,s2.tif\n2024-02-04,s2.tif\n".write(
            toFile: folder.file("dates.csv"), atomically: true, encoding: .utf8)
        let r = try VerdantBinary.run(["run", job], in: "/")
        #expect(r.status == 0, "\(r.stderr)")
        let series = try String(contentsOfFile: folder.file("out/series.csv"), encoding: .utf8)
        #expect(series.components(separatedBy: "\n").count == 1 + 9 * 2 + 1)  // header, 9 parcels × 2 dates
        for name in ["out/parcels.csv", "out/median.tif", "out/count.tif"] {
            #expect(FileManager.default.fileExists(atPath: folder.file(name)), "\(name)")
        }
    }

    @Test func aBadKeyNamesTheFileTheJobAndTheKeyAndRunsNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let job = try Self.write(folder, Self.twoJobs.replacingOccurrences(of: "ndvi-out:", with: "ndvi-output:"))
        let r = try VerdantBinary.run(["run", job])
        #expect(r.status == 2)
        #expect(
            r.stderr.contains("job.yaml") && r.stderr.contains("job 'ndvi'") && r.stderr.contains("key 'ndvi-output'"))
        #expect(
            !FileManager.default.fileExists(atPath: folder.file("out/parcels.csv")), "nothing runs when a job is bad")
        let noCommand = try Self.write(try TemporaryFolder(), "jobs:\n  - name: x\n    raster: a.tif\n")
        let c = try VerdantBinary.run(["run", noCommand])
        #expect(c.status == 2 && c.stderr.contains("key 'command'"))
        let extra = try Self.write(try TemporaryFolder(), "jobz: []\n")
        #expect(try VerdantBinary.run(["run", extra]).stderr.contains("key 'jobz'"))
    }

    /// YAML the job reader must refuse cleanly, not crash on (found by fuzz-job-file: Yams 5 force-unwraps a key
    /// that is not a scalar), nor take exponential time on (aliases of aliases).
    @Test(arguments: [
        ("complex key", "j :\n ? - co- ", "key must be text"),
        ("mapping key", "jobs:\n  - {command: map, ? {a: 1} : b}\n", "key must be text"),
        ("overflowing sexagesimal integer", "1:1:1:1:11:1:1:1:1:1:11:1:1", "must be a map with a 'jobs' list"),
        ("sexagesimal value", "jobs:\n  - {command: map, threads: 1:1:1:1:11:1:1:1:1:1:11:1:1}\n", "threads"),
        (
            "alias bomb",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\njobs: [*e]\n",
            "too large"
        )
    ])
    func malformedYAMLIsAnInputError(_ name: String, _ text: String, _ message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("job.yaml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try VerdantBinary.run(["run", path])
        #expect(r.status == 2, "\(name): status \(r.status), \(r.stderr)")
        #expect(r.stderr.contains("job.yaml") && r.stderr.contains(message), "\(name): \(r.stderr)")
    }

    @Test func exitCodeIsTheWorstOfTheJobs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let job = try Self.write(
            folder, Self.twoJobs.replacingOccurrences(of: "parcels: parcels.geojson", with: "parcels: missing.geojson"))
        let r = try VerdantBinary.run(["run", job])
        #expect(r.status == 2)
        #expect(r.stderr.contains("job 'parcels'") && r.stderr.contains("missing.geojson"))
        #expect(FileManager.default.fileExists(atPath: folder.file("out/ndvi.tif")), "the other job still ran")
    }
}

/// The example program of the package runs and prints every parcel.
@Suite struct ExampleProgramTests {
    @Test func theExampleRunsAnEstimateAndReadsTheResults() throws {
        let r = try VerdantBinary.run(
            executable: VerdantBinary.builtProduct("estimate-example"), [ProjectRoot.path + "/sample-rasters"])
        #expect(r.status == 0, "\(r.stderr)")
        for id in (1...9).map({ "P0\($0):" }) { #expect(r.stdout.contains(id)) }
        #expect(r.stdout.contains("P05:") && r.stdout.contains("(low observed)") && r.stdout.contains("total:"))
    }

    /// With an output folder, the example's one library call writes what `verdant estimate` writes for the same
    /// request: the same table and summary, byte for byte (the report and quicklook are checked for presence).
    @Test func theExampleWritesTheCommandsOutputsInOneCall() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let samples = ProjectRoot.path + "/sample-rasters"
        try FileManager.default.createDirectory(atPath: folder.file("lib"), withIntermediateDirectories: true)
        let r = try VerdantBinary.run(
            executable: VerdantBinary.builtProduct("estimate-example"), [samples, folder.file("lib")])
        #expect(r.status == 0 && r.stdout.contains("wrote "), "\(r.stderr)")
        let cli = try VerdantBinary.run([
            "estimate", "--sensor", "sentinel2-l2a", "--raster", samples + "/sentinel2_l2a_stack.tif",
            "--band", "scl=" + samples + "/sentinel2_l2a_SCL_20m.tif",
            "--parcels", samples + "/sentinel2_parcels.geojson", "--id-field", "parcel_id",
            "--model", "linear:-30,250", "--model-source", "illustrative coefficients for this example",
            "--factors", "tver", "--class", "general-trees", "--out", folder.file("cli.csv"),
            "--summary", folder.file("cli.md"), "--quiet"
        ])
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(
            FileManager.default.contents(atPath: folder.file("lib/parcels.csv"))
                == FileManager.default.contents(atPath: folder.file("cli.csv")))
        #expect(
            FileManager.default.contents(atPath: folder.file("lib/summary.md"))
                == FileManager.default.contents(atPath: folder.file("cli.md")))
        for file in ["report.html", "quicklook.png"] {
            #expect(FileManager.default.fileExists(atPath: folder.file("lib/" + file)))
        }
    }
}
