import Foundation
import GDALKit
import TestSupport
import Testing

@Suite struct WarpTests {
    static func window(_ ds: Dataset) throws -> Window {
        try Window(columnOffset: 0, rowOffset: 0, width: ds.width, height: ds.height)
    }

    @Test func warpingOntoACoarserGridAveragesTheCells() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 4 × 4 cells of 10 m holding 0 … 15, onto 2 × 2 cells of 20 m: each the mean of a 2 × 2 block.
        let path = try RasterFixture.write(
            folder.file("a.tif"), width: 4, height: 4, type: .float32, bands: [(0..<16).map(Double.init)])
        let source = try Dataset.open(path)
        let vrt = try Warp.toVRT(
            source, path: folder.file("w.vrt"), crsWKT: try SpatialReference(epsg: 32647).wkt,
            extent: (600_000, 1_599_960, 600_040, 1_600_000), width: 2, height: 2, resampling: "average")
        #expect(vrt.width == 2 && vrt.height == 2)
        #expect(vrt.geoTransform == GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 20, cellHeight: 20))
        #expect(try vrt.read(window: try Self.window(vrt), bands: [1], as: Double.self) == [2.5, 4.5, 10.5, 12.5])
        #expect(throws: GDALError.self) {
            try Warp.toVRT(
                source, path: folder.file("bad.vrt"), crsWKT: "EPSG:32647", extent: (0, 0, 1, 1), width: 1, height: 1,
                resampling: "no-such-method")
        }
    }

    @Test func aMosaicPutsRastersSideBySide() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let west = try RasterFixture.write(folder.file("w.tif"), width: 2, height: 1, type: .float32, bands: [[1, 2]])
        let east = try RasterFixture.write(
            folder.file("e.tif"), width: 2, height: 1, type: .float32, bands: [[3, 4]],
            transform: GeoTransform(originX: 600_020, originY: 1_600_000, cellWidth: 10, cellHeight: 10))
        let mosaic = try BuildVRT.mosaic([west, east], path: folder.file("m.vrt"))
        #expect(mosaic.width == 4 && mosaic.height == 1 && mosaic.bandCount == 1)
        #expect(try mosaic.read(window: try Self.window(mosaic), bands: [1], as: Double.self) == [1, 2, 3, 4])
    }

    @Test func aBandSubsetIsOneBandOfItsSource() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try RasterFixture.write(
            folder.file("s.tif"), width: 2, height: 1, type: .uInt16, bands: [[1, 2], [30, 40], [500, 600]])
        let subset = try BandSubset.vrt(of: try Dataset.open(path), band: 2, path: folder.file("b2.vrt"))
        #expect(subset.bandCount == 1 && subset.width == 2)
        #expect(try subset.read(window: try Self.window(subset), bands: [1], as: UInt16.self) == [30, 40])
        #expect(
            subset.geoTransform == GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10))
    }

    @Test func memoryFoldersAreFreshAndRemovedWithWhatTheyHold() throws {
        let a = MemoryFiles.folder(tag: "t")
        let b = MemoryFiles.folder(tag: "t")
        #expect(a.hasPrefix("/vsimem/verdant-t-") && a != b)
        let path = try RasterFixture.write(a + "/r.tif", width: 1, height: 1, type: .byte, bands: [[7]])
        #expect(
            try Dataset.open(path).read(
                window: try Window(columnOffset: 0, rowOffset: 0, width: 1, height: 1), bands: [1], as: UInt8.self) == [
                    7
                ])
        MemoryFiles.remove(a)
        #expect(throws: GDALError.self) { try Dataset.open(path) }
    }
}
