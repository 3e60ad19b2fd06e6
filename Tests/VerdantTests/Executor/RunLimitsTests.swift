import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// Sizes, tiles and buffers are checked before anything in proportion to them is allocated.
@Suite struct RunLimitsTests {
    static func stack(
        _ folder: TemporaryFolder, width: Int = 40, height: Int = 30,
        transform: GeoTransform = GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10)
    ) throws -> RasterInputs {
        let n = width * height
        let path = try RasterFixture.write(
            folder.file("in.tif"), width: width, height: height, type: .uInt16,
            bands: [[Double](repeating: 100, count: n), [Double](repeating: 300, count: n)],
            transform: transform)
        return .stacked(path: path, red: .index(1), nir: .index(2), scaling: .identity)
    }

    @Test func aHugeTileRequestIsTheWholeRasterAndDoesNotOverflow() throws {
        let huge = try TilePlan(width: 1000, height: 700, blockWidth: 128, blockHeight: 128, requested: Int.max)
        let edge = try TilePlan(width: 1000, height: 700, blockWidth: 128, blockHeight: 128, requested: 1000)
        #expect(huge == edge)
        #expect(huge.count == 1 && huge.tiles[0].width == 1000 && huge.tiles[0].height == 700)
    }

    @Test func tileSizeHasAnUpperBound() throws {
        for bad in [Int.max, ExecutionOptions.maximumTileSize + 1, 0, -1] {
            #expect(throws: VerdantError.self) { try ExecutionOptions(tileSize: bad).validate() }
            do { try ExecutionOptions(tileSize: bad).validate() } catch let e as VerdantError {
                #expect(e.exitCode == 1 && e.description.contains("tileSize") && e.description.contains("\(bad)"))
            }
        }
        try ExecutionOptions(tileSize: ExecutionOptions.maximumTileSize).validate()
    }

    @Test func aResolutionTooFineForAnyGridIsAUsageError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var inputs = try Self.stack(folder)
        for resolution in [Double("1e-320")!, 1e-300, 1e-7] {
            inputs.resolution = resolution
            do {
                _ = try ResolvedInputs.resolve(inputs, roles: [.red, .nir])
                Issue.record("--resolution \(resolution) was accepted")
            } catch let e as VerdantError {
                #expect(
                    e.exitCode == 1 && e.description.contains("resolution \(resolution)")
                        && e.description.contains("at most 2147483647"), "\(e)")
            }
        }
    }

    @Test func theCellLimitNamesTheFileOrTheResolution() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var inputs = try Self.stack(folder)
        var execution = ExecutionOptions(threads: 1)
        execution.maxCells = 1199
        let resolved = try ResolvedInputs.resolve(inputs, roles: [.red, .nir])
        do {
            try RunLimits.check(resolved, resolution: nil, execution: execution)
            Issue.record("1200 cells passed a limit of 1199")
        } catch let e as VerdantError {
            #expect(
                e.exitCode == 2 && e.description.contains("in.tif") && e.description.contains("40 × 30 cells")
                    && e.description.contains("maxCells"), "\(e)")
        }
        execution.maxCells = 1200
        try RunLimits.check(resolved, resolution: nil, execution: execution)
        // 0.1 m cells over 400 m × 300 m: 12 million cells.
        inputs.resolution = 0.1
        let fine = try ResolvedInputs.resolve(inputs, roles: [.red, .nir])
        do {
            try RunLimits.check(fine, resolution: 0.1, execution: execution)
            Issue.record("12 million cells passed a limit of 1200")
        } catch let e as VerdantError {
            #expect(
                e.exitCode == 1 && e.description.contains("resolution 0.1") && e.description.contains("12000000 cells"),
                "\(e)")
        }
    }

    @Test func theMemoryLimitCountsRowsTilesAndReadAhead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let resolved = try ResolvedInputs.resolve(try Self.stack(folder), roles: [.red, .nir])
        var execution = ExecutionOptions(threads: 2, tileSize: 40, gdalCacheBytes: 0, readAheadBytes: 0)
        execution.memoryLimitBytes = 1_000_000
        try RunLimits.check(resolved, resolution: nil, execution: execution)
        execution.memoryLimitBytes = 10_000
        do {
            try RunLimits.check(resolved, resolution: nil, execution: execution)
            Issue.record("a 40 × 30 tile passed a 10 kB limit")
        } catch let e as VerdantError {
            #expect(
                e.exitCode == 1 && e.description.contains("tileSize 40") && e.description.contains("memory"), "\(e)")
        }
        execution.readAheadBytes = 2_000_000
        execution.memoryLimitBytes = 1_000_000
        #expect(throws: VerdantError.self) { try RunLimits.check(resolved, resolution: nil, execution: execution) }
    }

    @Test func aMapOverTheLimitsFailsBeforeWritingAnything() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let inputs = try Self.stack(folder)
        var request = MapRequest(
            inputs: inputs, model: try BiomassModel(parsing: "linear:0,100"), ndviOutput: folder.file("ndvi.tif"))
        request.execution.maxCells = 100
        #expect(throws: VerdantError.self) { try MapJob.run(request) }
        #expect(folder.contents() == ["in.tif"])
    }

    @Test(arguments: [Double.nan, .infinity, 0])
    func aGeotransformThatIsNotFiniteOrHasNoAreaIsAnInputError(cellWidth: Double) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let base = try Self.stack(folder)
        // GeoTIFF cannot hold every such transform, so it is given in a VRT over the GeoTIFF.
        let vrt = folder.file("in.vrt")
        let width = cellWidth.isNaN ? "nan" : (cellWidth.isInfinite ? "inf" : "0")
        try """
        <VRTDataset rasterXSize="40" rasterYSize="30">
          <SRS>EPSG:32647</SRS>
          <GeoTransform>600000, \(width), 0, 1600000, 0, -10</GeoTransform>
          <VRTRasterBand dataType="UInt16" band="1"><SimpleSource><SourceFilename relativeToVRT="1">in.tif</SourceFilename><SourceBand>1</SourceBand></SimpleSource></VRTRasterBand>
          <VRTRasterBand dataType="UInt16" band="2"><SimpleSource><SourceFilename relativeToVRT="1">in.tif</SourceFilename><SourceBand>2</SourceBand></SimpleSource></VRTRasterBand>
        </VRTDataset>
        """.write(toFile: vrt, atomically: true, encoding: .utf8)
        _ = base
        do {
            _ = try ResolvedInputs.resolve(
                .stacked(path: vrt, red: .index(1), nir: .index(2), scaling: .identity), roles: [.red, .nir])
            Issue.record("a cell width of \(cellWidth) was accepted")
        } catch let e as VerdantError {
            #expect(e.exitCode == 2 && e.description.hasPrefix(vrt) && e.description.contains("geotransform"), "\(e)")
        }
    }
}
