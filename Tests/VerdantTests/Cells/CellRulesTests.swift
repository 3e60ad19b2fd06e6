import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

@Suite struct CellRulesTests {
    /// A 4 × 4 scene of 10 m cells with a 2 × 2 SCL of 20 m: each SCL cell covers 4 reflectance cells.
    @Test func sclAt20mOn10mAndQAOnAHandMadeScene() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let red = [Double](repeating: 0.1, count: 16), nir = [Double](repeating: 0.5, count: 16)
        let stack = try RasterFixture.write(
            folder.file("s.tif"), width: 4, height: 4, type: .float32, bands: [red, nir])
        let scl = try RasterFixture.write(
            folder.file("scl.tif"), width: 2, height: 2, type: .byte, bands: [[4, 9, 3, 6]],
            transform: GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 20, cellHeight: 20))
        var inputs = RasterInputs.stacked(path: stack, red: .index(1), nir: .index(2), scaling: .identity)
        inputs.bands[.scl] = BandSource(path: scl, band: .index(1))
        let s = try MapJob.run(MapRequest(inputs: inputs, model: try BiomassModel(parsing: "linear:0,100")))
        #expect(s.cells == 16 && s.validCells == 8 && s.cloudCells == 8 && s.noDataCells == 0)
        var withWater = MaskRules()
        withWater.sclExclude.insert(6)
        let w = try MapJob.run(
            MapRequest(inputs: inputs, model: try BiomassModel(parsing: "linear:0,100"), masks: withWater))
        #expect(w.validCells == 4 && w.maskedCells == 4)
        // QA_PIXEL on the same grid: fill, cloud, clear, water.
        let qaValues: [Double] = [1, 1, 72, 72, 64, 64, 64, 64, 192, 192, 64, 64, 16, 64, 64, 64]
        let qa = try RasterFixture.write(folder.file("qa.tif"), width: 4, height: 4, type: .uInt16, bands: [qaValues])
        var q = RasterInputs.stacked(path: stack, red: .index(1), nir: .index(2), scaling: .identity)
        q.bands[.qa] = BandSource(path: qa, band: .index(1))
        let r = try MapJob.run(MapRequest(inputs: q, model: try BiomassModel(parsing: "linear:0,100")))
        #expect(r.noDataCells == 2 && r.cloudCells == 3 && r.validCells == 11)
        // A user mask (0 = exclude) and a valid range.
        let mask = try RasterFixture.write(
            folder.file("m.tif"), width: 4, height: 4, type: .byte,
            bands: [[0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]])
        var m = RasterInputs.stacked(path: stack, red: .index(1), nir: .index(2), scaling: .identity)
        m.bands[.mask] = BandSource(path: mask, band: .index(1))
        #expect(try MapJob.run(MapRequest(inputs: m)).maskedCells == 3)
        let ranged = try MapJob.run(MapRequest(inputs: m, masks: MaskRules(validRange: 0...0.4)))
        #expect(ranged.validCells == 0 && ranged.noDataCells == 13)
    }
}
