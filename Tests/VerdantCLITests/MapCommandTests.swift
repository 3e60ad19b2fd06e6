import Foundation
import GDALKit
import Testing
import TestSupport

@Suite struct MapCommandTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")

    @Test func helpShowsExamples() throws {
        let r = try VerdantBinary.run(["map", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Examples:"))
        #expect(r.stdout.contains("--ndvi-out"))
    }

    @Test func printsSceneFiguresAndWritesCOGs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run([
            "map", "--raster", Self.stack, "--red", "B04", "--nir", "B08", "--scale", "0.0001",
            "--offset", "-0.1", "--model", "linear:-30,250", "--model-source", "test",
            "--ndvi-out", folder.file("ndvi.tif"), "--agb-out", folder.file("agb.tif")
        ])
        #expect(r.status == 0, "\(r.stderr)")
        for label in ["cells:", "valid cells:", "mean NDVI:", "total AGB:"] { #expect(r.stdout.contains(label)) }
        #expect(folder.contents() == ["agb.qml", "agb.tif", "ndvi.qml", "ndvi.tif"], "each COG with its style")
        #expect(try Dataset.open(folder.file("agb.tif")).metadataItem("LAYOUT", domain: "IMAGE_STRUCTURE") == "COG")
    }

    @Test func jsonOutput() throws {
        let r = try VerdantBinary.run([
            "map", "--band", "red=\(ProjectRoot.sample("sentinel2_l2a_B04.tif"))",
            "--band", "nir=\(ProjectRoot.sample("sentinel2_l2a_B08.tif"))",
            "--scale", "0.0001", "--offset", "-0.1", "--threads", "2", "--json"
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["cells"] as? Int == 120_000)
        let valid = object?["valid_cells"] as? Int ?? 0
        #expect(valid > 100_000 && valid < 120_000)
        #expect((object?["mean_ndvi"] as? Double ?? 0) > 0.3)
        #expect(object?["total_agb_t"] is Double)
        let modelSource = object?["model_source"] as? String ?? ""
        #expect(modelSource.contains("illustrative"))
        #expect(r.stderr.contains("warning: the model is the illustrative example-linear"))
    }

    @Test func sameFiguresFromStackAndFromSeparateFiles() throws {
        let a = try VerdantBinary.run([
            "map", "--raster", Self.stack, "--red", "3", "--nir", "4", "--scale", "1", "--json"
        ])
        let b = try VerdantBinary.run([
            "map", "--band", "red=\(Self.stack):B04", "--band", "nir=\(ProjectRoot.sample("sentinel2_l2a_B08.tif"))",
            "--scale", "1", "--json"
        ])
        func figures(_ text: String) throws -> [Double] {
            let o = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
            return ["valid_cells", "mean_ndvi", "total_agb_t"].map { (o[$0] as? NSNumber)?.doubleValue ?? .nan }
        }
        #expect(try figures(a.stdout) == figures(b.stdout))
    }
}
