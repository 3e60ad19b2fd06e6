import Foundation
import GDALKit
import TestSupport
import Testing

@testable import Verdant

@Suite struct QuicklookRasterTests {
    @Test func eachPictureCellIsTheMeanNDVIOfTheObservedCellsUnderIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 4 × 4 cells; red NaN over the top-left 2 × 2 block; NIR 0.5 and red 0.1 (NDVI 2/3) elsewhere except the
        // bottom-right block, where red is 0.3 (NDVI 0.25) in two of its four cells.
        var red = [Double](repeating: 0.1, count: 16)
        for i in [0, 1, 4, 5] { red[i] = .nan }
        red[10] = 0.3
        red[15] = 0.3
        let nir = [Double](repeating: 0.5, count: 16)
        let stack = try RasterFixture.write(
            folder.file("s.tif"), width: 4, height: 4, type: .float32, bands: [red, nir])
        let picture = try QuicklookRaster.ndvi(
            inputs: .stacked(path: stack, red: .index(1), nir: .index(2), scaling: .identity),
            masks: MaskRules(), execution: ExecutionOptions(threads: 1), maxSize: 2)
        #expect(picture.width == 2 && picture.height == 2)
        #expect(
            picture.geoTransform == GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 20, cellHeight: 20))
        #expect(picture.values[0].isNaN, "nothing observed")
        #expect(abs(picture.values[1] - Float(2.0 / 3)) < 1e-6 && abs(picture.values[2] - Float(2.0 / 3)) < 1e-6)
        #expect(abs(picture.values[3] - Float((2.0 / 3 + 0.25) / 2)) < 1e-6)
    }

    @Test func withoutRedOrNIRThereIsNoPicture() throws {
        let inputs = RasterInputs(bands: [.red: BandSource(path: "r.tif", band: .index(1))], scaling: .identity)
        #expect(throws: VerdantError.self) {
            try QuicklookRaster.ndvi(inputs: inputs, masks: MaskRules(), execution: ExecutionOptions())
        }
    }
}
