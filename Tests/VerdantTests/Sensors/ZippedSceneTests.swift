import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant

/// A zipped Sentinel-2 L2A product (a .SAFE in a .zip, as the Copernicus Data Space delivers it) is read like its
/// folder through GDAL's `/vsizip/`: the bands by their file names, the offset from the MTD_MSIL2A.xml inside.
@Suite struct ZippedSceneTests {
    static let product = "S2B_MSIL2A_20240105T033109_N0510_R018_T47PQR_20240105T061245.SAFE"

    /// Writes the product folder (bands without GDAL metadata, so that only the MTD file gives the baseline) and
    /// zips it with `/usr/bin/zip`; returns (folder, zip).
    static func write(_ folder: TemporaryFolder, baseline: String) throws -> (String, String) {
        let safe = folder.file(product)
        let granule = safe + "/GRANULE/L2A_T47PQR/IMG_DATA"
        for (band, value, resolution) in [("B04", 1500.0, "10m"), ("B08", 4000.0, "10m"), ("SCL", 4.0, "20m")] {
            try FileManager.default.createDirectory(
                atPath: granule + "/R\(resolution)", withIntermediateDirectories: true)
            try RasterFixture.write(
                granule + "/R\(resolution)/T47PQR_20240105T033109_\(band)_\(resolution).tif", width: 16, height: 16,
                type: band == "SCL" ? .byte : .uInt16, bands: [[Double](repeating: value, count: 256)])
        }
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <n1:Level-2A_User_Product><n1:General_Info><Product_Info><PROCESSING_BASELINE>\(baseline)</PROCESSING_BASELINE></Product_Info>
        </n1:General_Info></n1:Level-2A_User_Product>
        """.write(toFile: safe + "/MTD_MSIL2A.xml", atomically: true, encoding: .utf8)
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
        zip.arguments = ["-qr", "product.zip", product]
        zip.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        try zip.run()
        zip.waitUntilExit()
        #expect(zip.terminationStatus == 0)
        return (safe, folder.file("product.zip"))
    }

    static func resolve(_ scene: String) throws -> RasterInputs {
        var setup = SensorSetup(preset: try PresetCatalog.builtIn().preset(named: "sentinel2-l2a"))
        setup.scene = scene
        return try setup.resolve(needing: [.red, .nir]).inputs
    }

    @Test func aZippedProductReadsAsItsFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (safe, zip) = try Self.write(folder, baseline: "05.10")
        let zipped = try Self.resolve(zip), plain = try Self.resolve(safe)
        let inside = "/vsizip/" + zip + "/" + Self.product + "/GRANULE/L2A_T47PQR/IMG_DATA/"
        #expect(zipped.bands[.red]?.path == inside + "R10m/T47PQR_20240105T033109_B04_10m.tif")
        #expect(zipped.bands[.nir]?.path == inside + "R10m/T47PQR_20240105T033109_B08_10m.tif")
        #expect(zipped.bands[.scl]?.path == inside + "R20m/T47PQR_20240105T033109_SCL_20m.tif")
        #expect(zipped.scaling.offset == -0.1, "the baseline from the MTD file inside the zip")
        #expect(zipped.scaling == plain.scaling)
        // A /vsizip/ path to the product inside the zip reads the same.
        let virtual = try Self.resolve("/vsizip/" + zip + "/" + Self.product)
        #expect(virtual.bands[.red]?.path == zipped.bands[.red]?.path)
        #expect(virtual.scaling.offset == -0.1)
    }

    @Test func anOldBaselineInsideTheZipHasNoOffset() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (_, zip) = try Self.write(folder, baseline: "03.01")
        #expect(try Self.resolve(zip).scaling.offset == 0)
    }

    @Test func aFileThatIsNoZipIsOneClearError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "not a zip".write(toFile: folder.file("product.zip"), atomically: true, encoding: .utf8)
        #expect {
            try Self.resolve(folder.file("product.zip"))
        } throws: { error in
            "\(error)".contains("product.zip") && "\(error)".contains("zipped product")
        }
        #expect {
            try Self.resolve(folder.file("none"))
        } throws: { error in "\(error)".contains("is not a folder") }
    }
}
