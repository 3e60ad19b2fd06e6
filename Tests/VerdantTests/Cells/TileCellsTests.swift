import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant

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
        let raster = try RasterFixture.write(folder.file("r.tif"), width: side, height: side, type: .uInt16,
                                             bands: [red, nir], noData: 0)
        let scl = try RasterFixture.write(folder.file("scl.tif"), width: side, height: side, type: .byte,
                                          bands: [(0..<n).map { _ in Double(rng.next() % 12) }])
        var bands: [BandRole: BandSource] = [.red: BandSource(path: raster, band: .index(1)), .nir: BandSource(path: raster, band: .index(2))]
        if withSCL { bands[.scl] = BandSource(path: scl, band: .index(1)) }
        let inputs = RasterInputs(bands: bands, scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1))
        let rules = try CellRules(model: try BiomassModel(parsing: model), masks: MaskRules())
        let resolved = try ResolvedInputs.resolve(inputs, roles: rules.requiredRoles)
        let reader = try TileReader(inputs: resolved)
        let window = try Window(columnOffset: 0, rowOffset: 0, width: side, height: side)
        let runs = CellRuns(union: [0..<n / 3, n / 2..<n])
        try reader.read(window, cells: runs)
        let fast = TileCells(), general = TileCells()
        try fast.compute(reader, count: n, rules: rules, cells: runs, fastPath: true)
        try general.compute(reader, count: n, rules: rules, cells: runs, fastPath: false)
        for run in runs.ranges {
            for i in run {
                #expect(fast.status[i] == general.status[i])
                #expect(fast.index[i].bitPattern == general.index[i].bitPattern)
                #expect(fast.ndvi[i].bitPattern == general.ndvi[i].bitPattern)
                #expect(fast.agb[i].bitPattern == general.agb[i].bitPattern)
            }
        }
        #expect(fast.vegetationSigns == general.vegetationSigns && fast.vegetationSigns.positive > 0)
        #expect(Set(runs.ranges.flatMap { $0 }.map { fast.status[$0] }).count >= (withSCL ? 3 : 2), "several statuses")
    }
}
