import Foundation
import Testing
import TestSupport

/// `-o` for `--out`, `-q` for `--quiet`, `-f` for `--force`, on every command that has them.
@Suite struct ShortOptionNamesTests {
    static let estimate = [
        "estimate", "--raster", ProjectRoot.sample("sentinel2_l2a_stack.tif"), "--sensor", "sentinel2-l2a",
        "--parcels", ProjectRoot.sample("sentinel2_parcels.geojson"), "--id-field", "parcel_id"
    ]

    @Test func outQuietAndForceHaveShortNames() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("parcels.csv")
        let first = try VerdantBinary.run(Self.estimate + ["-o", out, "-q"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty, "-q prints no summary")
        #expect(FileManager.default.fileExists(atPath: out))
        let again = try VerdantBinary.run(Self.estimate + ["-o", out, "-q"])
        #expect(again.status != 0, "an existing output without -f is an error")
        let forced = try VerdantBinary.run(Self.estimate + ["-o", out, "-q", "-f"])
        #expect(forced.status == 0, "\(forced.stderr)")
    }

    @Test func everyCommandWithAnOutHasDashO() throws {
        for command in ["estimate", "series", "composite", "classify", "calibrate", "credits"] {
            let help = try VerdantBinary.run([command, "--help"]).stdout
            #expect(help.contains("-o, --out <"), "\(command)")
            #expect(help.contains("-q, --quiet"), "\(command)")
            #expect(help.contains("-f, --force"), "\(command)")
        }
        let map = try VerdantBinary.run(["map", "--help"]).stdout
        #expect(map.contains("-q, --quiet") && map.contains("-f, --force"))
    }
}
