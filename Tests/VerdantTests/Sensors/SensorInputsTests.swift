import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// STAC items, product folders with MTD XML, and tiles mosaicked: the same figures as the plain inputs.
@Suite struct SensorInputsTests {
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")

    static func estimate(_ setup: SensorSetup) throws -> EstimateReport {
        let (inputs, masks) = try setup.resolve(needing: [.red, .nir])
        return try EstimateJob.run(
            EstimateRequest(
                inputs: inputs, parcels: ParcelSource(path: parcels, idField: "parcel_id"),
                model: try BiomassModel(parsing: "linear:-30,250"), masks: masks))
    }

    static func reference() throws -> EstimateReport {
        var setup = SensorSetup(preset: try PresetCatalog.builtIn().preset(named: "sentinel2-l2a"))
        setup.rasters = [ProjectRoot.sample("sentinel2_l2a_stack.tif")]
        setup.assignments = [try BandAssignment(parsing: "scl=\(ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif"))")]
        return try estimate(setup)
    }

    static func copySamples(to folder: String, names: [(String, String)]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (from, to) in names {
            try FileManager.default.copyItem(atPath: ProjectRoot.sample(from), toPath: folder + "/" + to)
        }
    }

    @Test func stacItemWithRelativeHrefsAndBaseline() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.copySamples(
            to: folder.file("data"),
            names: [
                ("sentinel2_l2a_B04.tif", "B04.tif"), ("sentinel2_l2a_B08.tif", "B08.tif"),
                ("sentinel2_l2a_SCL_20m.tif", "SCL.tif")
            ])
        try """
        {"type": "Feature", "stac_version": "1.0.0", "id": "S2B_test", "properties": {"datetime": "2024-01-05T03:31:09Z", "s2:processing_baseline": "05.10"},
         "assets": {"red": {"href": "./data/B04.tif", "eo:bands": [{"name": "B04", "common_name": "red"}]},
                    "B08": {"href": "data/B08.tif"},
                    "scl": {"href": "data/SCL.tif"}}}
        """.write(toFile: folder.file("item.json"), atomically: true, encoding: .utf8)
        var setup = SensorSetup(preset: try PresetCatalog.builtIn().preset(named: "sentinel2-l2a"))
        setup.stac = folder.file("item.json")
        let (inputs, _) = try setup.resolve(needing: [.red, .nir])
        #expect(inputs.scaling.offset == -0.1)
        #expect(inputs.bands[.scl]?.path.hasSuffix("data/SCL.tif") == true)
        let a = try Self.estimate(setup), b = try Self.reference()
        #expect(a.rows.map(\.observedHa) == b.rows.map(\.observedHa))
        #expect(a.rows.map(\.agbT) == b.rows.map(\.agbT))
        // Baseline 03.01 in the item: no offset.
        try String(contentsOfFile: folder.file("item.json"), encoding: .utf8).replacingOccurrences(
            of: "05.10", with: "03.01"
        )
        .write(toFile: folder.file("item.json"), atomically: true, encoding: .utf8)
        #expect(try setup.resolve(needing: [.red, .nir]).inputs.scaling.offset == 0)
        #expect(
            STACItem.gdalPath("https://example.org/B04.tif", base: URL(fileURLWithPath: "/"))
                == "/vsicurl/https://example.org/B04.tif")
        #expect(STACItem.gdalPath("s3://bucket/B04.tif", base: URL(fileURLWithPath: "/")) == "/vsis3/bucket/B04.tif")
    }

    @Test func productFolderWithMTDXML() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let safe = folder.file("S2B_MSIL2A_20240105T033109_N0510_R018_T47PQR_20240105T061245.SAFE")
        let granule = safe + "/GRANULE/L2A_T47PQR/IMG_DATA"
        try Self.copySamples(
            to: granule + "/R10m",
            names: [
                ("sentinel2_l2a_B04.tif", "T47PQR_20240105T033109_B04_10m.tif"),
                ("sentinel2_l2a_B08.tif", "T47PQR_20240105T033109_B08_10m.tif")
            ])
        try Self.copySamples(
            to: granule + "/R20m", names: [("sentinel2_l2a_SCL_20m.tif", "T47PQR_20240105T033109_SCL_20m.tif")])
        // A decoy: B04 at 20 m must not be chosen over the 10 m file.
        let decoy = try Dataset.open(ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif"))
        try Driver(named: "GTiff").createCopy(of: decoy, path: granule + "/R20m/T47PQR_20240105T033109_B04_20m.tif")
            .close()
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <n1:Level-2A_User_Product><n1:General_Info><Product_Info><PROCESSING_BASELINE>05.10</PROCESSING_BASELINE></Product_Info>
        <Product_Image_Characteristics><BOA_ADD_OFFSET_VALUES_LIST><BOA_ADD_OFFSET band_id="0">-1000</BOA_ADD_OFFSET></BOA_ADD_OFFSET_VALUES_LIST>
        </Product_Image_Characteristics></n1:General_Info></n1:Level-2A_User_Product>
        """.write(toFile: safe + "/MTD_MSIL2A.xml", atomically: true, encoding: .utf8)
        var setup = SensorSetup(preset: try PresetCatalog.builtIn().preset(named: "sentinel2-l2a"))
        setup.scene = safe
        let (inputs, _) = try setup.resolve(needing: [.red, .nir])
        #expect(inputs.bands[.red]?.path.hasSuffix("_B04_10m.tif") == true)
        #expect(inputs.bands[.scl]?.path.hasSuffix("_SCL_20m.tif") == true)
        #expect(inputs.scaling.offset == -0.1)
        let a = try Self.estimate(setup), b = try Self.reference()
        #expect(a.rows.map(\.agbT) == b.rows.map(\.agbT))
        #expect(
            ProcessingBaseline.parse(mtd: "<PROCESSING_BASELINE>03.01</PROCESSING_BASELINE>", file: "x")?.baseline
                == "03.01")
    }

    @Test func aSceneSplitIntoFourTilesGivesTheSameParcels() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let whole = try Dataset.open(ProjectRoot.sample("sentinel2_l2a_stack.tif"))
        var tiles: [String] = []
        for (k, (c, r, w, h)) in [(0, 0, 256, 128), (256, 0, 144, 128), (0, 128, 256, 172), (256, 128, 144, 172)]
            .enumerated()
        {
            let window = try Window(columnOffset: c, rowOffset: r, width: w, height: h)
            let path = folder.file("tile\(k).tif")
            let ds = try Driver(named: "GTiff").create(
                path: path, width: w, height: h, bandCount: 4, dataType: .uInt16,
                options: ["TILED=YES", "BLOCKXSIZE=128", "BLOCKYSIZE=128"])
            let gt = whole.geoTransform!
            try ds.setGeoTransform(
                GeoTransform(
                    originX: gt.originX + Double(c) * 10, originY: gt.originY - Double(r) * 10, cellWidth: 10,
                    cellHeight: 10))
            try ds.setSpatialReference(whole.spatialReference!)
            for b in 1...4 {
                try ds.band(b).setNoDataValue(0)
                try ds.band(b).setBandDescription(try whole.band(b).bandDescription)
            }
            try ds.write(
                window: try Window(columnOffset: 0, rowOffset: 0, width: w, height: h), bands: [1, 2, 3, 4],
                values: try whole.read(window: window, bands: [1, 2, 3, 4], as: UInt16.self))
            try ds.setMetadataItem("BOA_ADD_OFFSET", "-1000")
            try ds.close()
            tiles.append(path)
        }
        var setup = SensorSetup(preset: try PresetCatalog.builtIn().preset(named: "sentinel2-l2a"))
        setup.rasters = tiles
        setup.assignments = [try BandAssignment(parsing: "scl=\(ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif"))")]
        let a = try Self.estimate(setup), b = try Self.reference()
        #expect(a.rows.count == 9)
        for (x, y) in zip(a.rows, b.rows) {
            #expect(abs(x.observedHa - y.observedHa) <= 1e-12 * y.observedHa, "\(x.parcelID)")
            #expect(abs(x.agbT - y.agbT) <= 1e-12 * y.agbT, "\(x.parcelID)")
            #expect(x.parcelHa == y.parcelHa)
        }
        #expect(a.metadata.bands.first { $0.role == "red" }?.files == 4)
    }
}
