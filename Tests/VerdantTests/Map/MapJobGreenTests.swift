import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// `map`'s green cover raster: 1 green, 0 observed but not green, 255 not observed (nodata), Byte.
@Suite struct MapJobGreenTests {
    // 3 × 2 cells: NDVI 0.8, 0, nodata (red 0), 0.8 under a cloud (SCL 9), −0.5, 5/7.
    static let red: [Double] = [10, 20, 0, 10, 30, 10]
    static let nir: [Double] = [90, 20, 50, 90, 10, 60]
    static let scl: [Double] = [4, 4, 4, 9, 4, 4]

    static func inputs(_ folder: TemporaryFolder) throws -> RasterInputs {
        let stack = try RasterFixture.write(
            folder.file("in.tif"), width: 3, height: 2, type: .uInt16, bands: [Self.red, Self.nir], noData: 0)
        let scl = try RasterFixture.write(folder.file("scl.tif"), width: 3, height: 2, type: .byte, bands: [Self.scl])
        return RasterInputs(
            bands: [
                .red: BandSource(path: stack, band: .index(1)), .nir: BandSource(path: stack, band: .index(2)),
                .green: BandSource(path: stack, band: .index(1)), .scl: BandSource(path: scl, band: .index(1))
            ],
            scaling: .identity)
    }

    @Test func greenCoverCellsTypeAndNodata() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("green.tif")
        var request = MapRequest(inputs: try Self.inputs(folder), model: try BiomassModel(parsing: "linear:0,100"))
        request.greenOutput = out
        let summary = try MapJob.run(request)
        let ds = try Dataset.open(out)
        #expect(ds.metadataItem("LAYOUT", domain: "IMAGE_STRUCTURE") == "COG")
        let band = try ds.band(1)
        #expect(band.dataType == .byte)
        #expect(band.noDataValue == 255)
        #expect(try band.readAll(as: UInt8.self) == [1, 0, 255, 255, 0, 1])
        #expect(summary.outputs.map(\.kind) == ["green"])
        #expect(summary.greenThreshold == 0.4)
        #expect(abs(try #require(summary.greenHa) - 0.02) < 1e-12)
        #expect(abs(try #require(summary.greenFraction) - 0.5) < 1e-12)
        #expect(folder.contents() == ["green.qml", "green.tif", "in.tif", "scl.tif"], "no temporary files are left")
    }

    @Test func theThresholdIsInclusiveAndCanBeGiven() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("green.tif")
        var request = MapRequest(inputs: try Self.inputs(folder))
        request.greenOutput = out
        // 5/7 as the index computes it, exactly: that cell is green, the 0.8 cell too.
        request.greenThreshold = NDVI.value(red: 10, nir: 60)
        _ = try MapJob.run(request)
        #expect(try Dataset.open(out).band(1).readAll(as: UInt8.self) == [1, 0, 255, 255, 0, 1])
        request.greenThreshold = NDVI.value(red: 10, nir: 60).nextUp
        request.overwrite = true
        _ = try MapJob.run(request)
        #expect(try Dataset.open(out).band(1).readAll(as: UInt8.self) == [1, 0, 255, 255, 0, 0])
    }

    @Test func anotherIndexNeedsAThresholdForGreenCover() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var model = try BiomassModel(parsing: "linear:0,100")
        model.index = .gndvi
        var request = MapRequest(inputs: try Self.inputs(folder), model: model)
        request.greenOutput = folder.file("green.tif")
        do {
            _ = try MapJob.run(request)
            Issue.record("green cover of GNDVI without a threshold was written")
        } catch let error as VerdantError {
            guard case .invalidParameter(.greenThreshold, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(error.description.contains("gndvi") && error.description.contains("greenOutput"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("green.tif")))
        // Without the output there is no green figure, and no error.
        request.greenOutput = nil
        let summary = try MapJob.run(request)
        #expect(summary.greenHa == nil && summary.greenThreshold == nil)
        // With a threshold: GNDVI here is NDVI's (green is red), so the same cells.
        request.greenOutput = folder.file("green.tif")
        request.greenThreshold = 0.4
        _ = try MapJob.run(request)
        #expect(try Dataset.open(folder.file("green.tif")).band(1).readAll(as: UInt8.self) == [1, 0, 255, 255, 0, 1])
    }
}
