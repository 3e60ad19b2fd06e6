import Foundation
import Testing
import TestSupport
@testable import GDALKit

@Suite struct DatasetTests {
    @Test func roundTripsEveryRealType() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let types: [DataType] = [.byte, .uInt16, .int16, .uInt32, .int32, .uInt64, .int64, .float32, .float64]
        for type in types {
            let path = folder.file("\(type.rawValue).tif")
            let ds = try Driver(named: "GTiff").create(
                path: path, width: 3, height: 2, bandCount: 2, dataType: type,
                options: ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16"])
            let values: [Double] = [0, 1, 2, 3, 100, 200, 7, 6, 5, 4, 3, 2]
            let all = try Window(columnOffset: 0, rowOffset: 0, width: 3, height: 2)
            try ds.write(window: all, bands: [1, 2], values: values)
            try ds.close()
            let back = try Dataset.open(path)
            #expect(try back.band(1).dataType == type)
            #expect(try back.read(window: all, bands: [1, 2], as: Double.self) == values)
            #expect(try back.read(window: all, bands: [2, 1], as: Double.self) == Array(values[6...] + values[..<6]))
        }
    }

    @Test func keepsGeoreferencing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("geo.tif")
        let ds = try Driver(named: "GTiff").create(path: path, width: 4, height: 4, bandCount: 1, dataType: .float32)
        let gt = GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10)
        try ds.setGeoTransform(gt)
        try ds.setSpatialReference(try SpatialReference(epsg: 32647))
        try ds.band(1).setNoDataValue(-9999)
        try ds.band(1).setBandDescription("B04")
        try ds.band(1).setScaleOffset(scale: 0.5, offset: 2)
        try ds.close()
        let back = try Dataset.open(path)
        #expect(back.geoTransform == gt)
        #expect(back.spatialReference?.authorityCode == "EPSG:32647")
        #expect(back.spatialReference?.isProjected == true)
        let band = try back.band(1)
        #expect(band.noDataValue == -9999)
        #expect(band.bandDescription == "B04")
        #expect(band.scale == 0.5 && band.offset == 2)
        #expect(band.maskFlags.contains(.noData))
    }

    @Test func aClosedDatasetThrowsInsteadOfTrapping() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ds = try Driver(named: "GTiff").create(
            path: folder.file("c.tif"), width: 3, height: 2, bandCount: 1, dataType: .byte)
        try ds.setGeoTransform(GeoTransform(originX: 0, originY: 0, cellWidth: 1, cellHeight: 1))
        try ds.close()
        try ds.close()
        #expect(ds.width == 3 && ds.height == 2 && ds.bandCount == 1 && ds.driverName == "GTiff")
        #expect(ds.geoTransform == nil && ds.spatialReference == nil && ds.metadata().isEmpty && ds.fileList.isEmpty)
        #expect(throws: GDALError.self) { try ds.band(1) }
        #expect(throws: GDALError.self) {
            var out = [Double](repeating: 0, count: 6)
            try ds.read(window: try Window(columnOffset: 0, rowOffset: 0, width: 3, height: 2), bands: [1], into: &out)
        }
    }

    @Test func errorsCarryGDALsMessage() throws {
        do {
            _ = try Dataset.open("/nonexistent/verdant/x.tif")
            Issue.record("opening a missing file did not throw")
        } catch let error as GDALError {
            #expect(error.context.contains("/nonexistent/verdant/x.tif"))
            #expect(error.description.contains("No such file"))
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = folder.file("notes.txt")
        try "not a raster".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(throws: GDALError.self) { try Dataset.open(text) }
    }

    @Test func bandOutOfRange() throws {
        let ds = try Driver(named: "MEM").create(path: "", width: 2, height: 2, bandCount: 1, dataType: .byte)
        #expect(throws: GDALError.self) { try ds.band(2) }
        #expect(throws: GDALError.self) { try ds.band(0) }
        let w = try Window(columnOffset: 1, rowOffset: 1, width: 2, height: 2)
        #expect(throws: GDALError.self) { try ds.read(window: w, bands: [1], as: UInt8.self) }
    }

    @Test func closeIsIdempotentAndLaterUseThrows() throws {
        let ds = try Driver(named: "MEM").create(path: "", width: 2, height: 2, bandCount: 1, dataType: .byte)
        try ds.close()
        try ds.close()
        let w = try Window(columnOffset: 0, rowOffset: 0, width: 1, height: 1)
        #expect(throws: GDALError.self) { try ds.read(window: w, bands: [1], as: UInt8.self) }
    }
}
