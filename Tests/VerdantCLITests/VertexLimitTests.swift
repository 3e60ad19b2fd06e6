import Foundation
import Testing
import TestSupport

/// The vertex limits on the command line: a clear error naming the file, the parcel and the flag; bad values are
/// usage errors; every command that reads parcels takes them.
@Suite struct VertexLimitTests {
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")
    static let base = [
        "estimate", "--raster", ProjectRoot.sample("sentinel2_l2a_stack.tif"), "--red", "B04", "--nir", "B08",
        "--scale", "0.0001", "--offset", "-0.1", "--parcels", parcels, "--id-field", "parcel_id",
        "--model", "linear:-30,250", "--out", "-"
    ]

    @Test func aParcelOverTheLimitIsRefused() throws {
        let r = try VerdantBinary.run(Self.base + ["--max-parcel-vertices", "8"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(
            r.stderr.contains("sentinel2_parcels.geojson") && r.stderr.contains("parcel 'P")
                && r.stderr.contains("--max-parcel-vertices 8"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func allParcelsOverTheTotalAreRefused() throws {
        let r = try VerdantBinary.run(Self.base + ["--max-total-vertices", "60"])
        #expect(r.status == 2 && r.stderr.contains("--max-total-vertices 60"), "\(r.stderr)")
        let ok = try VerdantBinary.run(
            Self.base + ["--max-total-vertices", "100000", "--max-parcel-vertices", "100000"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test(arguments: ["--max-parcel-vertices", "--max-total-vertices", "--max-repair-vertices"])
    func aLimitUnderFourIsAUsageError(flag: String) throws {
        let r = try VerdantBinary.run(Self.base + [flag, "0"])
        #expect(r.status == 1 && r.stderr.contains(flag), "\(r.stderr)")
    }

    @Test func mapQuicklookOutlinesTakeTheLimitToo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run([
            "map", "--raster", ProjectRoot.sample("sentinel2_l2a_stack.tif"), "--red", "B04", "--nir", "B08",
            "--scale", "0.0001", "--offset", "-0.1", "--ndvi-out", folder.file("ndvi.tif"),
            "--quicklook", folder.file("q.png"), "--parcels", Self.parcels, "--max-parcel-vertices", "8"
        ])
        #expect(r.status == 2 && r.stderr.contains("--max-parcel-vertices 8"), "\(r.stderr)")
    }
}
