import Foundation
import GDALKit
import TestSupport
import Testing

@testable import Verdant

@Suite struct AppliedMasksTests {
    @Test func onlyTheMasksARunHasAreStated() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let stack = try RasterFixture.write(
            folder.file("s.tif"), width: 2, height: 2, type: .float32,
            bands: [[0.1, 0.1, 0.1, 0.1], [0.5, 0.5, 0.5, 0.5]], noData: -1)
        let plain = try ResolvedInputs.resolve(
            .stacked(path: stack, red: .index(1), nir: .index(2), scaling: .identity), roles: [.red, .nir])
        #expect(
            AppliedMasks.describe(MaskRules(), inputs: plain, roles: [.red, .nir]) == [
                "red nodata -1.0 excluded", "nir nodata -1.0 excluded"
            ])
        #expect(
            AppliedMasks.describe(MaskRules(), inputs: plain, roles: [.nir]) == ["nir nodata -1.0 excluded"],
            "the index's roles only")

        let scl = try RasterFixture.write(
            folder.file("scl.tif"), width: 2, height: 2, type: .byte, bands: [[4, 4, 4, 4]])
        var inputs = RasterInputs.stacked(path: stack, red: .index(1), nir: .index(2), scaling: .identity)
        inputs.bands[.scl] = BandSource(path: scl, band: .index(1))
        let withSCL = try ResolvedInputs.resolve(inputs, roles: [.red, .nir])
        var rules = MaskRules(validRange: 0...0.4)
        rules.sclExclude = [3, 8, 9, 10]
        #expect(
            AppliedMasks.describe(rules, inputs: withSCL, roles: [.red, .nir]) == [
                "SCL classes 3, 8, 9, 10 excluded (\(scl))", "red nodata -1.0 excluded", "nir nodata -1.0 excluded",
                "reflectance outside 0.0…0.4 is no data"
            ])
    }
}
