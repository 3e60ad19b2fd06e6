import Foundation
import GDALKit
import Testing
import TestSupport

@Suite struct SensorCommandTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
    static let scl = ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif")
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")

    @Test func presetsListsEveryPresetWithItsSources() throws {
        let r = try VerdantBinary.run(["presets"])
        #expect(r.status == 0)
        for name in [
            "sentinel2-l2a", "landsat-c2-l2", "landsat-tm-c2-l2", "micasense-rededge", "micasense-atlas", "dji-p4m",
            "dji-m3m", "parrot-sequoia", "generic"
        ] {
            #expect(r.stdout.contains(name + " — "), "\(name)")
        }
        #expect(r.stdout.contains("source (scaling): USGS Landsat Collection 2 Level-2"))
        let json = try VerdantBinary.run(["presets", "--json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(document?["schema"] as? String == "verdant-presets/1")
        #expect((document?["presets"] as? [[String: Any]])?.count == 9)
        #expect((document?["origins"] as? [String: String])?["generic"] == "built-in")
        try JSONOutputSchemaTests.check("presets.schema.json", text: json.stdout)
    }

    @Test func thePresetsDocumentIsItselfAPresetFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.file("mine.json")
        let json = try VerdantBinary.run(["presets", "--json"])
        try json.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        let again = try VerdantBinary.run(["presets", "--json", "--preset-file", file])
        #expect(again.status == 0, "\(again.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        #expect((document?["presets"] as? [[String: Any]])?.count == 9)
        #expect((document?["origins"] as? [String: String])?["sentinel2-l2a"] == file)
        try JSONOutputSchemaTests.check("presets.schema.json", text: again.stdout)
    }

    @Test func sentinel2PresetWithSCLMasksTheCloud() throws {
        let r = try VerdantBinary.run([
            "estimate", "--sensor", "sentinel2-l2a", "--raster", Self.stack, "--band", "scl=\(Self.scl)",
            "--parcels", Self.parcels, "--id-field", "parcel_id", "--model", "linear:-30,250", "--out", "-"
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = lines[0]
        let p05 = lines.first { $0[0] == "P05" }!
        let cloud = Double(p05[header.firstIndex(of: "cloud_fraction")!])!
        #expect(cloud > 0.5)
        #expect(p05[header.firstIndex(of: "low_observed")!] == "true")
        #expect(!r.stderr.contains("not masked"))
    }

    @Test func withoutTheQualityLayerTheUserIsWarned() throws {
        let r = try VerdantBinary.run([
            "map", "--sensor", "sentinel2-l2a", "--raster", Self.stack, "--model", "linear:-30,250"
        ])
        #expect(r.status == 0)
        #expect(r.stderr.contains("clouds and shadows are not masked"))
    }

    @Test func swappedBandsAreWarnedAbout() throws {
        let r = try VerdantBinary.run([
            "map", "--raster", Self.stack, "--red", "B08", "--nir", "B04", "--scale", "0.0001", "--offset", "-0.1",
            "--model", "linear:0,100"
        ])
        #expect(r.status == 0)
        #expect(r.stderr.contains("may be swapped"))
    }

    @Test func baselineFlagChangesTheOffset() throws {
        func meanNDVI(_ baseline: String) throws -> Double {
            let r = try VerdantBinary.run([
                "map", "--sensor", "sentinel2-l2a", "--band", "red=\(ProjectRoot.sample("sentinel2_l2a_B04.tif"))",
                "--band", "nir=\(ProjectRoot.sample("sentinel2_l2a_B08.tif"))", "--baseline", baseline,
                "--model", "linear:0,1", "--json"
            ])
            let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            return o["mean_ndvi"] as! Double
        }
        let old = try meanNDVI("03.01"), new = try meanNDVI("04.00")
        #expect(new > old + 0.05, "removing the +1000 offset raises NDVI: \(old) → \(new)")
    }
}
