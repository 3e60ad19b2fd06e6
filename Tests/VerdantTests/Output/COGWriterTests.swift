import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

@Suite struct COGWriterTests {
    @Test(arguments: [COGOptions.Compression.deflate, .zstd])
    func writesAValidCOGOnTheInputGrid(compression: COGOptions.Compression) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let width = 700, height = 500
        let red = (0..<(width * height)).map { Double(($0 % 97) + 1) }
        let nir = (0..<(width * height)).map { Double(($0 % 89) + 50) }
        let transform = GeoTransform(originX: 500_000, originY: 9_000_000, cellWidth: 30, cellHeight: 30)
        let input = try RasterFixture.write(
            folder.file("in.tif"), width: width, height: height, type: .uInt16,
            bands: [red, nir], epsg: 32622, transform: transform,
            options: ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256"])
        let out = folder.file("ndvi.tif")
        _ = try MapJob.run(
            MapRequest(
                inputs: .stacked(path: input, red: .index(1), nir: .index(2), scaling: .identity), ndviOutput: out,
                cog: COGOptions(compression: compression)))
        #expect(folder.contents() == ["in.tif", "ndvi.qml", "ndvi.tif"], "the COG, its style, no temporary files")

        let layout = try TIFFLayout(path: out)
        #expect(layout.cogProblems.isEmpty, "\(layout.cogProblems)")
        #expect(layout.images.count >= 2, "internal overviews")
        #expect(layout.images[0].width == width && layout.images[0].tileWidth != nil)

        let ds = try Dataset.open(out)
        #expect(ds.metadataItem("LAYOUT", domain: "IMAGE_STRUCTURE") == "COG")
        #expect(ds.metadataItem("COMPRESSION", domain: "IMAGE_STRUCTURE") == compression.rawValue)
        #expect(ds.metadataItem("PREDICTOR", domain: "IMAGE_STRUCTURE") == "3", "floating-point predictor")
        #expect(ds.geoTransform == transform)
        #expect(ds.spatialReference?.isSame(as: try SpatialReference(epsg: 32622)) == true)
        let band = try ds.band(1)
        #expect(band.dataType == .float32)
        #expect(band.noDataValue?.isNaN == true)
        #expect(band.overviewCount >= 1)
        let values = try band.readAll(as: Float.self)
        for i in stride(from: 0, to: values.count, by: 997) {
            #expect(values[i] == Float((nir[i] - red[i]) / (nir[i] + red[i])))
        }
    }
}

@Suite struct COGWriterByteTests {
    @Test func aByteBandWithNodata255IsAValidCOG() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let width = 700, height = 500
        // NDVI from 0.9 (cell 0) falling, in bands of columns, to under 0: green, then not.
        let red = (0..<(width * height)).map { Double(($0 % width) / 7 + 1) }
        let nir = [Double](repeating: 60, count: width * height)
        let input = try RasterFixture.write(
            folder.file("in.tif"), width: width, height: height, type: .uInt16, bands: [red, nir],
            options: ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256"])
        let out = folder.file("green.tif")
        var request = MapRequest(inputs: .stacked(path: input, red: .index(1), nir: .index(2), scaling: .identity))
        request.greenOutput = out
        _ = try MapJob.run(request)
        let layout = try TIFFLayout(path: out)
        #expect(layout.cogProblems.isEmpty, "\(layout.cogProblems)")
        #expect(layout.images.count >= 2, "internal overviews")
        let ds = try Dataset.open(out)
        #expect(ds.metadataItem("LAYOUT", domain: "IMAGE_STRUCTURE") == "COG")
        #expect(ds.metadataItem("PREDICTOR", domain: "IMAGE_STRUCTURE") != "3", "no floating-point predictor")
        let band = try ds.band(1)
        #expect(band.dataType == .byte && band.noDataValue == 255)
        let values = try band.readAll(as: UInt8.self)
        for i in stride(from: 0, to: values.count, by: 991) {
            let ndvi = (nir[i] - red[i]) / (nir[i] + red[i])
            #expect(values[i] == (ndvi >= 0.4 ? 1 : 0), "cell \(i)")
        }
    }
}
