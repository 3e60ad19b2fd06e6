import Foundation
import GDALKit
import TestSupport
import Testing

@testable import Verdant

@Suite struct ResolvedBandTests {
    @Test func aBandFoundInAFileKeepsWhereItIsAndHowItBecomesReflectance() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let stack = try RasterFixture.write(
            folder.file("s.tif"), width: 4, height: 4, type: .uInt16,
            bands: [[Double](repeating: 1000, count: 16), [Double](repeating: 5000, count: 16)],
            noData: 0, descriptions: ["B04", "B08"], scaleOffset: (0.0001, -0.1))
        let resolved = try ResolvedInputs.resolve(
            .stacked(path: stack, red: .description("B04"), nir: .description("B08")), roles: [.red, .nir])
        let nir = try #require(resolved.band(.nir))
        #expect(nir.role == .nir && nir.source == stack && nir.path == stack && nir.fileCount == 1)
        #expect(nir.index == 2 && nir.sourceIndex == 2 && nir.bandDescription == "B08")
        #expect(nir.dataType == .uInt16 && nir.noData == 0 && nir.gdalScale == 0.0001 && nir.gdalOffset == -0.1)
        #expect(!nir.hasExplicitMask && nir.alphaIndex == nil && nir.resampling == nil, "on the grid already")
        #expect(resolved.band(.red)?.index == 1)
    }
}
