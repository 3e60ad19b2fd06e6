import Foundation
import GDALKit
import Testing
import TestSupport

/// The committed sample rasters are what their generator makes, and stay small.
@Suite struct SampleRastersTests {
    static let rasters = [
        "sentinel2_l2a_stack.tif", "sentinel2_l2a_B04.tif", "sentinel2_l2a_B08.tif",
        "sentinel2_l2a_SCL_20m.tif", "drone_multispectral.tif"
    ]

    @Test func generatorReproducesTheCommittedFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run(executable: VerdantBinary.builtProduct("make-sample-rasters"), [folder.path])
        #expect(r.status == 0, "\(r.stderr)")
        for name in Self.rasters {
            let committed = try Dataset.open(ProjectRoot.sample(name)), fresh = try Dataset.open(folder.file(name))
            #expect(
                committed.width == fresh.width && committed.height == fresh.height
                    && committed.bandCount == fresh.bandCount)
            #expect(committed.geoTransform == fresh.geoTransform)
            for b in 1...committed.bandCount {
                #expect(
                    try committed.band(b).readAll(as: Double.self) == fresh.band(b).readAll(as: Double.self),
                    "\(name) band \(b)")
            }
        }
        for name in ["sentinel2_parcels.geojson", "drone_parcels.geojson"] {
            #expect(
                try String(contentsOfFile: ProjectRoot.sample(name), encoding: .utf8)
                    == String(contentsOfFile: folder.file(name), encoding: .utf8))
        }
    }

    @Test func samplesAreSmall() throws {
        var total = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: ProjectRoot.path + "/sample-rasters") {
            let attributes = try FileManager.default.attributesOfItem(atPath: ProjectRoot.sample(name))
            if attributes[.type] as? FileAttributeType == .typeRegular { total += (attributes[.size] as? Int) ?? 0 }
        }
        #expect(total < 5_000_000)
    }

    @Test func sentinelSceneFacts() throws {
        let ds = try Dataset.open(ProjectRoot.sample("sentinel2_l2a_stack.tif"))
        #expect(ds.spatialReference?.authorityCode == "EPSG:32647")
        #expect(ds.geoTransform?.cellWidth == 10)
        #expect(try ds.bands().map(\.bandDescription) == ["B02", "B03", "B04", "B08"])
        #expect(try ds.band(3).noDataValue == 0)
        #expect(ds.metadataItem("INTERLEAVE", domain: "IMAGE_STRUCTURE") == "PIXEL")
        // The +1000 offset: every valid DN is above 1000.
        let red = try ds.band(3).readAll(as: UInt16.self)
        #expect(red.filter { $0 != 0 }.allSatisfy { $0 > 1000 })
        let scl = try Dataset.open(ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif"))
        #expect(scl.geoTransform?.cellWidth == 20)
        let classes = Set(try scl.band(1).readAll(as: UInt8.self))
        #expect(classes.isSuperset(of: [0, 3, 4, 5, 6, 8, 9]))
    }
}
