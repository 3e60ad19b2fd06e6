import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// The reader turns every cell type into the same reflectance, converts only the cells asked for, and takes
/// tiles decoded ahead as if it had read them.
@Suite struct TileReaderTests {
    /// Stored values 0…(n−1) with some nodata, in every type read natively (and in Int64, read through Double).
    @Test(arguments: [DataType.byte, .uInt16, .int16, .uInt32, .int32, .float32, .float64, .int64])
    func everyCellTypeGivesTheSameReflectance(type: DataType) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let n = 20 * 20
        let red = (0..<n).map { Double($0 % 200) }, nir = (0..<n).map { Double(($0 * 7) % 250) }
        let path = try RasterFixture.write(
            folder.file("r.tif"), width: 20, height: 20, type: type, bands: [red, nir],
            noData: 3, scaleOffset: (0.5, 1))
        var inputs = RasterInputs.stacked(path: path, red: .index(1), nir: .index(2), scaling: .identity)
        inputs.scaling = ReflectanceScaling(scale: 0.01, offset: -0.1)
        let resolved = try ResolvedInputs.resolve(inputs, roles: [.red, .nir])
        let reader = try TileReader(inputs: resolved)
        let window = try Window(columnOffset: 0, rowOffset: 0, width: 20, height: 20)
        try reader.read(window)
        for i in 0..<n {
            for (slot, stored) in [(0, red[i]), (1, nir[i])] {
                let expected = stored == 3 ? Double.nan : (stored * 0.5 + 1) * 0.01 - 0.1
                let got = reader.value(slot: slot, cell: i)
                #expect(
                    got.isNaN == expected.isNaN && (got.isNaN || got == expected),
                    "\(type) cell \(i) slot \(slot): \(got) ≠ \(expected)")
            }
        }
    }

    @Test func onlyTheCellsAskedForAreConverted() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let n = 16 * 16
        let path = try RasterFixture.write(
            folder.file("r.tif"), width: 16, height: 16, type: .uInt16,
            bands: [[Double](repeating: 1000, count: n), [Double](repeating: 4000, count: n)])
        let resolved = try ResolvedInputs.resolve(
            .stacked(path: path, red: .index(1), nir: .index(2), scaling: .identity), roles: [.red, .nir])
        let reader = try TileReader(inputs: resolved)
        let window = try Window(columnOffset: 0, rowOffset: 0, width: 16, height: 16)
        let runs = CellRuns(union: [20..<30, 100..<101])
        try reader.read(window, cells: runs)
        // The value buffers start as NaN: converted cells hold reflectance, the others were not touched.
        for i in 0..<n {
            let inRuns = (20..<30).contains(i) || i == 100
            #expect(reader.value(slot: 0, cell: i).isNaN == !inRuns)
        }
        let cells = TileCells()
        try cells.compute(
            reader, count: n,
            rules: try CellRules(model: try BiomassModel(parsing: "linear:0,100"), masks: MaskRules()), cells: runs)
        #expect(abs(cells.ndvi[25] - 0.6) < 1e-12 && cells.status[25] == CellStatus.observed.rawValue)
        #expect(cells.vegetationSigns.positive == 11)
    }

    @Test func tilesDecodedAheadGiveTheSameValues() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let n = 32 * 32
        let path = try RasterFixture.write(
            folder.file("r.tif"), width: 32, height: 32, type: .int16,
            bands: [(0..<n).map { Double($0 % 97) }, (0..<n).map { Double($0 % 89) }], noData: 5)
        let resolved = try ResolvedInputs.resolve(
            .stacked(path: path, red: .index(1), nir: .index(2), scaling: .identity), roles: [.red, .nir])
        let plan = try TilePlan(width: 32, height: 32, blockWidth: 16, blockHeight: 16, requested: 16)
        let prefetch = TilePrefetch(inputs: resolved, tiles: plan.tiles, budgetBytes: 1 << 20)
        prefetch.waitUntilDone()
        #expect(prefetch.waiting == plan.count)
        let direct = try TileReader(inputs: resolved), ahead = try TileReader(inputs: resolved)
        for t in 0..<plan.count {
            let decoded = try #require(prefetch.take(t))
            #expect(prefetch.take(t) == nil, "a tile is handed over once")
            try direct.read(plan.tiles[t])
            try ahead.read(plan.tiles[t], decoded: decoded)
            let a = direct.values, b = ahead.values
            #expect(a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern })
        }
        // The budget stops reading ahead: one tile of two Int16 bands of 16 × 16 is 1 KiB.
        let small = TilePrefetch(inputs: resolved, tiles: plan.tiles, budgetBytes: 1)
        small.waitUntilDone()
        #expect(small.waiting == 1)
        let none = TilePrefetch(inputs: resolved, tiles: plan.tiles, budgetBytes: 0)
        none.stop()
        #expect(none.waiting == 0)
        // Once stop() returns, nothing more is read ahead.
        let stopped = TilePrefetch(inputs: resolved, tiles: plan.tiles, budgetBytes: 1 << 20)
        stopped.stop()
        let held = stopped.waiting
        Thread.sleep(forTimeInterval: 0.05)
        #expect(stopped.waiting == held)
    }
}
