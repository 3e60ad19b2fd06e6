import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// The NDVI picture: each picture cell the mean NDVI of the observed cells it covers; the same from an estimate's
/// tile pass as from a pass of its own, for any number of workers; and the estimate's figures unchanged by it.
@Suite struct NDVIPictureTests {
    @Test func meanOfObservedCellsPerPictureCell() throws {
        let request = EstimateJobTests.request(threads: 2, tileSize: 128)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // The scene's NDVI at full resolution, for the expected means.
        var map = MapRequest(
            inputs: request.inputs, model: request.model, masks: request.masks, ndviOutput: folder.file("ndvi.tif"))
        map.execution = ExecutionOptions(threads: 1)
        _ = try MapJob.run(map)
        let ds = try Dataset.open(folder.file("ndvi.tif"))
        let ndvi = try ds.band(1).readAll(as: Float.self)
        let (W, H) = (ds.width, ds.height)
        let picture = try QuicklookRaster.ndvi(
            inputs: request.inputs, masks: request.masks,
            execution: ExecutionOptions(threads: 2, tileSize: 128), maxSize: 37)
        #expect(max(picture.width, picture.height) == 37)
        var worst = 0.0, defined = 0
        for py in 0..<picture.height {
            for px in 0..<picture.width {
                var sum = 0.0, n = 0
                for r in 0..<H where r * picture.height / H == py {
                    for c in 0..<W where c * picture.width / W == px {
                        let v = Double(ndvi[r * W + c])
                        if v.isFinite { sum += v; n += 1 }
                    }
                }
                let got = Double(picture.values[py * picture.width + px])
                if n == 0 { #expect(got.isNaN) } else { worst = max(worst, abs(got - sum / Double(n))); defined += 1 }
            }
        }
        #expect(worst < 1e-6 && defined > picture.width * picture.height / 2, "worst \(worst)")
        // The picture covers the scene's extent.
        let g = picture.geoTransform, s = try #require(ds.geoTransform)
        #expect(
            abs(g.originX - s.originX) < 1e-9
                && abs(g.cellWidth * Double(picture.width) - s.cellWidth * Double(W)) < 1e-6)
    }

    /// Same size, place and values bit for bit (NaN included).
    static func same(_ a: NDVIPicture?, _ b: NDVIPicture?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.width == b.width && a.height == b.height && a.geoTransform == b.geoTransform && a.crsWKT == b.crsWKT
            && a.values.map(\.bitPattern) == b.values.map(\.bitPattern)
    }

    @Test func estimatePassGivesTheSamePictureAndTheSameFigures() throws {
        var request = EstimateJobTests.request(threads: 2, tileSize: 128)
        let plain = try EstimateJob.run(request)
        request.ndviPictureSize = 50
        let one = try EstimateJob.run(request)
        request.execution.threads = 1
        let other = try EstimateJob.run(request)
        #expect(plain.ndviPicture == nil)
        let picture = try #require(one.ndviPicture)
        #expect(one.rows == plain.rows && one.totals == plain.totals)
        #expect(Self.same(picture, other.ndviPicture))
        let own = try QuicklookRaster.ndvi(
            inputs: request.inputs, masks: request.masks,
            execution: ExecutionOptions(threads: 2, tileSize: 128), maxSize: 50)
        #expect(Self.same(picture, own))
        // Written as a GeoTIFF that Quicklook reads.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try picture.write(to: folder.file("p.tif"))
        let ds = try Dataset.open(folder.file("p.tif"))
        #expect(ds.width == picture.width && ds.height == picture.height)
        #expect(
            try ds.band(1).readAll(as: Float.self).elementsEqual(picture.values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }
}
