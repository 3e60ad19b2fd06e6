import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// The same figures whatever the layout GDAL reads them from: stacked, band-interleaved, striped, a VRT.
@Suite struct RasterLayoutTests {
    static func figures(_ inputs: RasterInputs) throws -> [Double] {
        let s = try MapJob.run(
            MapRequest(
                inputs: inputs, model: try BiomassModel(parsing: "linear:-30,250"),
                execution: ExecutionOptions(threads: 2)))
        return [Double(s.validCells), s.meanNDVI ?? .nan, s.totalAGBTonnes, s.observedHa]
    }

    static func reference() throws -> [Double] {
        try figures(
            .stacked(
                path: ProjectRoot.sample("sentinel2_l2a_stack.tif"), red: .description("B04"), nir: .description("B08"),
                scaling: .identity))
    }

    @Test func vrtOfSeparateBandFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func source(_ name: String) -> String {
            """
              <SimpleSource>
                <SourceFilename relativeToVRT="0">\(ProjectRoot.sample(name))</SourceFilename>
                <SourceBand>1</SourceBand>
              </SimpleSource>
            """
        }
        let vrt = """
            <VRTDataset rasterXSize="400" rasterYSize="300">
              <SRS>EPSG:32647</SRS>
              <GeoTransform>600000, 10, 0, 1600000, 0, -10</GeoTransform>
              <VRTRasterBand dataType="UInt16" band="1"><Description>B04</Description><NoDataValue>0</NoDataValue>
            \(source("sentinel2_l2a_B04.tif"))
              </VRTRasterBand>
              <VRTRasterBand dataType="UInt16" band="2"><Description>B08</Description><NoDataValue>0</NoDataValue>
            \(source("sentinel2_l2a_B08.tif"))
              </VRTRasterBand>
            </VRTDataset>
            """
        try vrt.write(toFile: folder.file("s2.vrt"), atomically: true, encoding: .utf8)
        #expect(
            try Self.figures(
                .stacked(path: folder.file("s2.vrt"), red: .description("B04"), nir: .index(2), scaling: .identity))
                == Self.reference())
    }

    @Test(arguments: [
        ["INTERLEAVE=BAND", "TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64"],
        ["INTERLEAVE=BAND", "TILED=NO", "BLOCKYSIZE=7"],
        ["INTERLEAVE=PIXEL", "TILED=NO", "BLOCKYSIZE=1", "COMPRESS=LZW"]
    ])
    func bandInterleavedAndStriped(options: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let src = try Dataset.open(ProjectRoot.sample("sentinel2_l2a_stack.tif"))
        let copy = try Driver(named: "GTiff").createCopy(of: src, path: folder.file("copy.tif"), options: options)
        try copy.close()
        #expect(
            try Self.figures(
                .stacked(path: folder.file("copy.tif"), red: .index(3), nir: .index(4), scaling: .identity))
                == Self.reference())
    }

    @Test func cellAreaInFeet() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // EPSG:2227 (California zone 3, US survey feet): 10 ft cells.
        let path = try RasterFixture.write(
            folder.file("ft.tif"), width: 2, height: 2, type: .float32,
            bands: [[0.1, 0.1, 0.1, 0.1], [0.3, 0.3, 0.3, 0.3]], epsg: 2227,
            transform: GeoTransform(originX: 6_000_000, originY: 2_000_000, cellWidth: 10, cellHeight: 10))
        let s = try MapJob.run(
            MapRequest(inputs: .stacked(path: path, red: .index(1), nir: .index(2), scaling: .identity)))
        let foot = 1200.0 / 3937.0
        #expect(abs(s.observedHa - 4 * 100 * foot * foot / 10_000) < 1e-15)
    }
}
