import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// The NDVI path of `TileCells` gives the same bits as the general path, with an SCL band or none.
@Suite struct TileCellsTests {
    @Test(arguments: ["linear:-30,250", "exp:5,3", "power:200,1.5"], [true, false])
    func ndviPathMatchesTheGeneralPath(model: String, withSCL: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let side = 40, n = side * side
        var rng = SplitMix64(seed: 11)
        // Reflectance DNs around vegetation, soil and water, some nodata (0), and equal red and NIR (NDVI 0).
        let red = (0..<n).map { i in i % 17 == 0 ? 0 : Double(rng.next() % 3000) }
        let nir = (0..<n).map { i in i % 23 == 0 ? red[i] : Double(rng.next() % 6000) }
        let raster = try RasterFixture.write(
            folder.file("r.tif"), width: side, height: side, type: .uInt16,
            bands: [red, nir], noData: 0, scaleOffset: (1, 1000))
        let scl = try RasterFixture.write(
            folder.file("scl.tif"), width: side, height: side, type: .byte,
            bands: [(0..<n).map { _ in Double(rng.next() % 12) }])
        var bands: [BandRole: BandSource] = [
            .red: BandSource(path: raster, band: .index(1)), .nir: BandSource(path: raster, band: .index(2))
        ]
        if withSCL { bands[.scl] = BandSource(path: scl, band: .index(1)) }
        let inputs = RasterInputs(bands: bands, scaling: ReflectanceScaling(scale: 0.0001, offset: -0.2))
        let rules = try CellRules(model: try BiomassModel(parsing: model), masks: MaskRules())
        let resolved = try ResolvedInputs.resolve(inputs, roles: rules.requiredRoles)
        let window = try Window(columnOffset: 0, rowOffset: 0, width: side, height: side)
        let runs = CellRuns(union: [0..<n / 3, n / 2..<n])
        // General path on converted values; NDVI path on converted values; NDVI path on the stored UInt16 and
        // byte values (the reader only loads the tile).
        let converted = try TileReader(inputs: resolved), stored = try TileReader(inputs: resolved)
        try converted.read(window, cells: runs)
        try stored.load(window)
        let general = TileCells(), fast = TileCells(), fused = TileCells()
        try general.compute(converted, count: n, rules: rules, cells: runs, fastPath: false)
        try fast.compute(converted, count: n, rules: rules, cells: runs, fastPath: true)
        try fused.compute(stored, count: n, rules: rules, cells: runs, fastPath: true)
        #expect(!stored.converted, "the fused path reads the stored values")
        for other in [fast, fused] {
            for run in runs.ranges {
                for i in run {
                    #expect(other.status[i] == general.status[i])
                    #expect(other.index[i].bitPattern == general.index[i].bitPattern)
                    #expect(other.ndvi[i].bitPattern == general.ndvi[i].bitPattern)
                    #expect(other.agb[i].bitPattern == general.agb[i].bitPattern)
                }
            }
            #expect(other.vegetationSigns == general.vegetationSigns && other.vegetationSigns.positive > 0)
        }
        #expect(Set(runs.ranges.flatMap { $0 }.map { fused.status[$0] }).count >= (withSCL ? 3 : 2), "several statuses")
    }
}
