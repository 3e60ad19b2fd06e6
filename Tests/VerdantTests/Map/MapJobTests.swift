import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

@Suite struct MapJobTests {
    // 4 × 3 cells: a nodata cell in each band (255), a zero denominator, NIR = red.
    static let red: [Double] = [10, 20, 30, 0, 5, 255, 40, 50, 60, 70, 80, 90]
    static let nir: [Double] = [50, 20, 10, 0, 200, 100, 30, 255, 60, 150, 100, 45]
    static let expected: [Double] = zip(red, nir).map { r, n in
        (r == 255 || n == 255 || r + n == 0) ? .nan : (n - r) / (n + r)
    }

    static func ndviOutput(_ path: String) throws -> [Float] {
        try Dataset.open(path).band(1).readAll(as: Float.self)
    }

    static func same(_ a: [Float], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in (x.isNaN && y.isNaN) || x == Float(y) }
    }

    @Test(arguments: [DataType.byte, .uInt16, .int16, .uInt32, .int32, .uInt64, .int64, .float32, .float64])
    func ndviOnKnownValuesForEveryType(type: DataType) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let input = try RasterFixture.write(
            folder.file("in.tif"), width: 4, height: 3, type: type,
            bands: [Self.red, Self.nir], noData: 255, descriptions: ["B04", "B08"])
        let out = folder.file("ndvi.tif")
        let summary = try MapJob.run(
            MapRequest(
                inputs: .stacked(path: input, red: .description("B04"), nir: .index(2), scaling: .identity),
                model: try BiomassModel(parsing: "linear:0,100"), ndviOutput: out))
        let defined = Self.expected.filter { !$0.isNaN }
        #expect(summary.cells == 12)
        #expect(summary.validCells == defined.count)
        #expect(summary.observedHa == Double(defined.count) * 100 / 10_000)
        let mean = defined.reduce(0, +) / Double(defined.count)
        #expect(abs(summary.meanNDVI! - mean) < 1e-12)
        #expect(Self.same(try Self.ndviOutput(out), Self.expected))
        // AGB = 100·NDVI clamped at 0, tonnes = t/ha × 0.01 ha per cell.
        let agb = defined.map { max(0, 100 * $0) * 0.01 }.reduce(0, +)
        #expect(abs(summary.totalAGBTonnes - agb) < 1e-9)
    }

    @Test func nanCellsAreUndefined() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let input = try RasterFixture.write(
            folder.file("in.tif"), width: 3, height: 1, type: .float32,
            bands: [[0.1, .nan, 0.2], [0.5, 0.4, .nan]])
        let out = folder.file("ndvi.tif")
        let s = try MapJob.run(
            MapRequest(
                inputs: .stacked(path: input, red: .index(1), nir: .index(2), scaling: .identity), ndviOutput: out))
        #expect(s.validCells == 1)
        #expect(Self.same(try Self.ndviOutput(out), [0.4 / 0.6, .nan, .nan]))
    }

    @Test func gdalScaleOffsetThenUserScaleOffset() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // raw → raw·0.5 + 100 (GDAL metadata) → ·0.001 − 0.1 (user).
        let input = try RasterFixture.write(
            folder.file("in.tif"), width: 2, height: 1, type: .uInt16,
            bands: [[400, 1000], [1600, 1000]], scaleOffset: (0.5, 100))
        let out = folder.file("ndvi.tif")
        _ = try MapJob.run(
            MapRequest(
                inputs: .stacked(
                    path: input, red: .index(1), nir: .index(2),
                    scaling: ReflectanceScaling(scale: 0.001, offset: -0.1)),
                ndviOutput: out))
        func refl(_ raw: Double) -> Double { (raw * 0.5 + 100) * 0.001 - 0.1 }
        let expected = [NDVI.value(red: refl(400), nir: refl(1600)), NDVI.value(red: refl(1000), nir: refl(1000))]
        #expect(expected[0] > 0.5)
        #expect(Self.same(try Self.ndviOutput(out), expected))
    }

    @Test func bandsOnOtherGridsAreAlignedOrRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let red = try RasterFixture.write(
            folder.file("red.tif"), width: 2, height: 2, type: .uInt16, bands: [[1, 2, 3, 4]])
        // NIR shifted by one cell: resampled (nearest here, as cells align) onto red's grid; the column it lacks is no data.
        let nir = try RasterFixture.write(
            folder.file("nir.tif"), width: 2, height: 2, type: .uInt16, bands: [[5, 6, 7, 8]], noData: 0,
            transform: GeoTransform(originX: 600_010, originY: 1_600_000, cellWidth: 10, cellHeight: 10))
        var inputs = RasterInputs(
            bands: [.red: BandSource(path: red, band: .index(1)), .nir: BandSource(path: nir, band: .index(1))],
            scaling: .identity)
        inputs.resampling = .nearest
        let s = try MapJob.run(MapRequest(inputs: inputs, model: try BiomassModel(parsing: "linear:0,1")))
        #expect(s.validCells == 2)
        #expect(s.inputs.first { $0.role == "nir" }?.resampling == "near")
        #expect(abs(s.meanNDVI! - ((5.0 - 2) / 7 + (7.0 - 4) / 11) / 2) < 1e-12)
        // A band far away cannot be aligned.
        let far = try RasterFixture.write(
            folder.file("far.tif"), width: 2, height: 2, type: .uInt16, bands: [[5, 6, 7, 8]],
            transform: GeoTransform(originX: 700_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10))
        let inputs2 = RasterInputs(
            bands: [.red: BandSource(path: red, band: .index(1)), .nir: BandSource(path: far, band: .index(1))],
            scaling: .identity)
        do {
            _ = try MapJob.run(MapRequest(inputs: inputs2))
            Issue.record("a band outside the grid was accepted")
        } catch let error as VerdantError {
            #expect(error.description.contains("far.tif") && error.description.contains("does not overlap"))
        }
    }

    @Test func alphaBandMasksCells() throws {
        // The drone sample has an alpha band: cells outside the flight footprint are undefined.
        let path = ProjectRoot.sample("drone_multispectral.tif")
        let s = try MapJob.run(
            MapRequest(
                inputs: .stacked(path: path, red: .description("Red"), nir: .description("NIR"), scaling: .identity)))
        let ds = try Dataset.open(path)
        let alpha = try ds.band(6).readAll(as: UInt8.self)
        #expect(s.validCells == alpha.filter { $0 != 0 }.count)
        #expect(s.validCells < s.cells)
        // GDAL's scale (1/32768) makes reflectance; NDVI is scale-invariant but the mean must be vegetation-like.
        #expect(s.meanNDVI! > 0.4 && s.meanNDVI! < 0.9)
        #expect(s.inputs.allSatisfy { $0.gdalScale == 1.0 / 32_768 })
    }

    @Test func bitIdenticalForAnyWorkerCount() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A deterministic pseudo-random scene, 300 × 200 cells in 16 × 16 blocks, so there are many tiles.
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let n = 300 * 200
        let red = (0..<n).map { _ in 0.02 + 0.2 * next() }, nir = (0..<n).map { _ in 0.1 + 0.4 * next() }
        let input = try RasterFixture.write(
            folder.file("in.tif"), width: 300, height: 200, type: .float64, bands: [red, nir])
        var summaries: [MapSummary] = []
        var rasters: [[Float]] = []
        for threads in [1, 2, 8] {
            let out = folder.file("agb-\(threads).tif")
            var s = try MapJob.run(
                MapRequest(
                    inputs: .stacked(path: input, red: .index(1), nir: .index(2), scaling: .identity),
                    model: try BiomassModel(parsing: "exp:12.5,2.75"), agbOutput: out,
                    execution: ExecutionOptions(threads: threads, tileSize: 16)))
            #expect(s.tiles == 19 * 13)
            s.threads = 0
            s.outputs = []
            summaries.append(s)
            rasters.append(try Dataset.open(out).band(1).readAll(as: Float.self))
        }
        #expect(summaries[0] == summaries[1] && summaries[1] == summaries[2])
        #expect(summaries[0].totalAGBTonnes.bitPattern == summaries[2].totalAGBTonnes.bitPattern)
        #expect(rasters[0] == rasters[1] && rasters[1] == rasters[2])
    }
}
