import Foundation
import Testing
import TestSupport

/// A misspelt subcommand, option or job-file key gets the closest right one; a value of the wrong type names the
/// key and what it must be.
@Suite struct DidYouMeanTests {
    @Test func misspeltSubcommand() throws {
        let r = try VerdantBinary.run(["estimat", "--parcels", "p.geojson"])
        #expect(r.status == 1)
        #expect(r.stderr == "verdant: error: unknown command 'estimat' (did you mean 'estimate'?)\n")
        let far = try VerdantBinary.run(["xyzzy"])
        #expect(far.status == 1)
        #expect(far.stderr.contains("unknown command 'xyzzy' (commands: estimate, map,"))
    }

    @Test func misspeltOptionsEvenWhenARequiredOneIsMissing() throws {
        for (arguments, wrong, right) in [
            (["estimate", "--rastr", "x.tif", "--parcels", "p.geojson", "-o", "a.csv"], "--rastr", "--raster"),
            (["estimate", "--raster", "x.tif", "--parcel", "p.geojson", "-o", "a.csv"], "--parcel", "--parcels"),
            (["map", "--raster", "x.tif", "--ndvi-ot=n.tif"], "--ndvi-ot", "--ndvi-out"),
            (["credits", "--t0-rastr", "a.tif"], "--t0-rastr", "--t0-raster")
        ] {
            let r = try VerdantBinary.run(arguments)
            #expect(r.status == 1, "\(arguments)")
            #expect(
                r.stderr.contains("unknown option '\(wrong)' for \(arguments[0]) (did you mean '\(right)'?)"),
                "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
        // Nothing close: the help is named instead.
        let r = try VerdantBinary.run(["estimate", "--zzzzzzzzzz"])
        #expect(r.stderr.contains("unknown option '--zzzzzzzzzz' for estimate (see 'verdant estimate --help')"))
    }

    static func job(_ folder: TemporaryFolder, _ lines: String) throws -> String {
        let text = """
            jobs:
              - name: plots
                command: estimate
                raster: \(ProjectRoot.sample("sentinel2_l2a_stack.tif"))
                sensor: sentinel2-l2a
                out: out.csv

            """ + lines
        try text.write(toFile: folder.file("job.yaml"), atomically: true, encoding: .utf8)
        return folder.file("job.yaml")
    }

    @Test func jobFileErrorsNameTheKey() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")
        let cases: [(String, String)] = [
            ("    parcel: \(parcels)\n", "unknown key 'parcel' in 'estimate' (did you mean 'parcels'?)"),
            (
                "    parcels: \(parcels)\n    id_fild: parcel_id\n",
                "unknown key 'id_fild' in 'estimate' (did you mean 'id-field'?)"
            ),
            (
                "    parcels: \(parcels)\n    threads: many\n",
                "key 'threads' in 'estimate': the value 'many' is invalid (expected a number)"
            ),
            (
                "    parcels: \(parcels)\n    threads: 2.5\n",
                "key 'threads' in 'estimate': the value '2.5' is invalid (expected a whole number)"
            ),
            ("    parcels: [\(parcels), \(parcels)]\n", "key 'parcels' in 'estimate' takes one value, not a list"),
            ("    parcels: \(parcels)\n    index: nvdi\n", "key 'index' in 'estimate': The value 'nvdi' is invalid")
        ]
        for (lines, message) in cases {
            let job = try Self.job(folder, lines)
            let r = try VerdantBinary.run(["run", job], in: folder.path)
            #expect(r.status == 2, "\(lines)")
            #expect(r.stderr.contains("verdant: error: \(job): job 'plots': \(message)"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.file("out.csv")))
        }
    }
}
