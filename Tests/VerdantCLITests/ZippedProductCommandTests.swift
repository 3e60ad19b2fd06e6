import Foundation
import Testing
import TestSupport

/// `--scene` takes a zipped Sentinel-2 product (`.zip` or a `/vsizip/` path) and gives what its folder gives.
@Suite struct ZippedProductCommandTests {
    @Test func aZippedSafeEstimatesAsItsFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let product = "S2B_MSIL2A_20240105T033109_N0510_R018_T47PQR_20240105T061245.SAFE"
        try ExampleFixtures.safe(folder)
        try FileManager.default.moveItem(
            atPath: folder.file("S2B_MSIL2A_20240105T033109_N0510_R018_T47PQR.SAFE"), toPath: folder.file(product))
        let zip = try VerdantBinary.run(executable: "/usr/bin/zip", ["-qr", "product.zip", product], in: folder.path)
        #expect(zip.status == 0, "\(zip.stderr)")
        var tables: [String] = []
        for (k, scene) in [product, "product.zip", "/vsizip/" + folder.file("product.zip") + "/" + product].enumerated()
        {
            let r = try VerdantBinary.run(
                [
                    "estimate", "--sensor", "sentinel2-l2a", "--scene", scene, "--parcels",
                    ProjectRoot.sample("sentinel2_parcels.geojson"), "--id-field", "parcel_id", "-q", "-o", "\(k).csv"
                ], in: folder.path)
            #expect(r.status == 0, "\(scene): \(r.stderr)")
            tables.append(try String(contentsOfFile: folder.file("\(k).csv"), encoding: .utf8))
        }
        #expect(tables[0].split(separator: "\n").count == 10)
        #expect(tables[1] == tables[0] && tables[2] == tables[0])
    }
}
