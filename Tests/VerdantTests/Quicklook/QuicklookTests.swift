import Foundation
import GDALKit
import TestSupport
import Testing

@testable import Verdant

@Suite struct QuicklookTests {
    @Test func theColourRampIsViridisClampedToItsEnds() {
        func rgb(_ t: Double) -> [UInt8] {
            let c = Quicklook.colour(t)
            return [c.0, c.1, c.2]
        }
        #expect(rgb(0) == [68, 1, 84] && rgb(1) == [253, 231, 37])
        #expect(rgb(-3) == rgb(0) && rgb(7) == rgb(1))
        // Halfway: between the 5th (38, 130, 142) and 6th (31, 158, 137) anchors, truncated.
        #expect(rgb(0.5) == [34, 144, 139])
        #expect(rgb(1.0 / 9) == [72, 40, 120])
    }

    @Test func legendNumbersKeepThreeFigures() {
        #expect(
            Quicklook.format(123.4) == "123" && Quicklook.format(12.34) == "12.3" && Quicklook.format(1.234) == "1.23")
        #expect(Quicklook.format(-15) == "-15.0" && Quicklook.format(0) == "0.00")
    }

    @Test func aPictureOfATinyRaster() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 4 × 2 cells: 0 … 6 and one NaN (transparent).
        let raster = try RasterFixture.write(
            folder.file("v.tif"), width: 4, height: 2, type: .float32,
            bands: [[0, 1, 2, 3, 4, 5, 6, .nan]])
        let png = folder.file("q.png")
        let legend = try Quicklook.write(raster: raster, parcels: [], label: "NDVI", unit: "", to: try OutputPath(png))
        #expect(legend == Quicklook.Legend(min: 0, max: 6))
        let ds = try Dataset.open(png)
        #expect(
            ds.width == 260 && ds.height == 2 + 70 && ds.bandCount == 4,
            "at least 260 wide for the legend, 70 rows below")
        let w = ds.width
        let h = ds.height
        let pixels = try ds.readResampled(bands: [1, 2, 3, 4], width: w, height: h, as: UInt8.self)
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { (0..<4).map { pixels[$0 * w * h + y * w + x] } }
        let low = Quicklook.colour(0)
        let high = Quicklook.colour(1)
        #expect(pixel(0, 0) == [low.0, low.1, low.2, 255])
        #expect(pixel(2, 1) == [high.0, high.1, high.2, 255])
        #expect(pixel(3, 1)[3] == 0, "NaN is transparent")
        #expect(pixel(100, 0)[3] == 0, "beyond the raster is transparent")
        #expect(pixel(100, 71)[3] == 255, "the legend's margin is opaque")
        #expect(
            pixel(10, 14) == [low.0, low.1, low.2, 255] && pixel(209, 14) == [high.0, high.1, high.2, 255],
            "the legend bar runs low to high")
    }
}
