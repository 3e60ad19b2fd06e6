import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant

/// Resolution of inputs on tiny rasters: the grid, the bands found, and bands brought onto the grid.
@Suite struct ResolvedInputsTests {
    @Test func theFinestBandsGridIsTheAnalysisGridAndCoarserBandsAreResampledOntoIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Red at 10 m (4 × 4 cells), NIR at 20 m (2 × 2 cells) over the same square.
        let red = try RasterFixture.write(
            folder.file("red.tif"), width: 4, height: 4, type: .float32, bands: [[Double](repeating: 0.1, count: 16)])
        let nir = try RasterFixture.write(
            folder.file("nir.tif"), width: 2, height: 2, type: .float32, bands: [[0.5, 0.5, 0.5, 0.5]],
            transform: GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 20, cellHeight: 20))
        let inputs = RasterInputs(
            bands: [.red: BandSource(path: red, band: .index(1)), .nir: BandSource(path: nir, band: .index(1))],
            scaling: .identity)
        let resolved = try ResolvedInputs.resolve(inputs, roles: [.red, .nir])
        #expect(resolved.gridRole == .red && resolved.roles == [.red, .nir])
        #expect(resolved.grid.width == 4 && resolved.grid.height == 4 && resolved.grid.crsCode == "EPSG:32647")
        #expect(
            resolved.grid.geoTransform
                == GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10))
        #expect(resolved.blockWidth == 16 && resolved.blockHeight == 16, "the grid file's blocks")
        #expect(resolved.band(.red)?.path == red && resolved.band(.red)?.resampling == nil)
        let resampled = try #require(resolved.band(.nir))
        #expect(
            resampled.source == nir && resampled.path.hasPrefix("/vsimem/") && resampled.resampling == .bilinear,
            "a coarser reflectance band is interpolated")
        #expect(resolved.sourcePaths == [red, nir] && resolved.paths.count == 2)
        #expect(try Dataset.open(resampled.path).width == 4)
        #expect(resolved.scaling == .identity && resolved.scalingOrigin == .user)
        // The 20 m grid when asked for: red is averaged onto it.
        var coarse = inputs
        coarse.gridRole = .nir
        let onNIR = try ResolvedInputs.resolve(coarse, roles: [.red, .nir])
        #expect(
            onNIR.grid.width == 2 && onNIR.band(.red)?.resampling == .average && onNIR.band(.nir)?.resampling == nil)
    }

    /// A band with no nodata value that covers only part of the grid: the cells beyond it are no data, not zeros
    /// (the warped band's alpha is honoured).
    @Test func theGridBeyondABandWithoutNodataIsNoData() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let red = try RasterFixture.write(
            folder.file("red.tif"), width: 8, height: 8, type: .float32, bands: [[Double](repeating: 0.1, count: 64)])
        // NIR over the western half only (4 × 8 cells from the same origin).
        let nir = try RasterFixture.write(
            folder.file("nir.tif"), width: 4, height: 8, type: .int16, bands: [[Double](repeating: 5000, count: 32)])
        var inputs = RasterInputs(
            bands: [.red: BandSource(path: red, band: .index(1)), .nir: BandSource(path: nir, band: .index(1))],
            scaling: .identity)
        inputs.gridRole = .red
        let resolved = try ResolvedInputs.resolve(inputs, roles: [.red, .nir])
        #expect(resolved.grid.width == 8 && resolved.band(.nir)?.alphaIndex == 2, "the warped band's alpha")
        let map = try MapJob.run(MapRequest(inputs: inputs))
        #expect(map.cells == 64 && map.validCells == 32, "\(map.validCells) valid cells")
    }

    @Test func integerBandsWithoutAStatedScalingAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let stack = try RasterFixture.write(
            folder.file("dn.tif"), width: 2, height: 2, type: .uInt16, bands: [[1, 2, 3, 4], [5, 6, 7, 8]])
        #expect(throws: VerdantError.self) {
            try ResolvedInputs.resolve(.stacked(path: stack, red: .index(1), nir: .index(2)), roles: [.red, .nir])
        }
        let stated = try ResolvedInputs.resolve(
            .stacked(path: stack, red: .index(1), nir: .index(2), scaling: ReflectanceScaling(scale: 0.0001)),
            roles: [.red, .nir])
        #expect(stated.scaling.scale == 0.0001 && stated.band(.nir)?.dataType == .uInt16)
        let floats = try RasterFixture.write(
            folder.file("f.tif"), width: 2, height: 2, type: .float32, bands: [[1, 2, 3, 4], [5, 6, 7, 8]])
        #expect(
            try ResolvedInputs.resolve(.stacked(path: floats, red: .index(1), nir: .index(2)), roles: [.red, .nir])
                .scalingOrigin == .unstated)
    }
}

/// Inputs through GDAL's virtual file systems (here `/vsimem/`; `/vsicurl/` and `/vsis3/` take the same path).
@Suite struct VirtualFileSystemTests {
    @Test func rastersAreReadThroughVSIPaths() throws {
        let path = "/vsimem/verdant-test-\(UInt32.random(in: 0...UInt32.max))/stack.tif"
        let src = try Dataset.open(ProjectRoot.sample("sentinel2_l2a_stack.tif"))
        try Driver(named: "GTiff").createCopy(of: src, path: path).close()
        defer { MemoryFiles.remove((path as NSString).deletingLastPathComponent) }
        let a = try MapJob.run(
            MapRequest(
                inputs: .stacked(path: path, red: .description("B04"), nir: .description("B08"), scaling: .identity)))
        let b = try MapJob.run(
            MapRequest(
                inputs: .stacked(
                    path: ProjectRoot.sample("sentinel2_l2a_stack.tif"), red: .description("B04"),
                    nir: .description("B08"), scaling: .identity)))
        #expect(a.validCells == b.validCells && a.meanNDVI == b.meanNDVI)
    }
}

/// A band in another CRS (here NIR reprojected to longitude/latitude) is warped back onto the analysis grid.
@Suite struct CrossCRSTests {
    @Test func aBandInAnotherCRSIsWarpedOntoTheGrid() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let nir = try Dataset.open(ProjectRoot.sample("sentinel2_l2a_B08.tif"))
        let lonlat = folder.file("B08_4326.vrt")
        let e = (minX: 99.925, minY: 14.4435, maxX: 99.9665, maxY: 14.4713)
        let vrt = try Warp.toVRT(
            nir, path: lonlat, crsWKT: try SpatialReference(epsg: 4326).wkt, extent: e, width: 500, height: 340,
            resampling: "near", arguments: ["-srcnodata", "0", "-dstnodata", "0"])
        try vrt.close()
        var inputs = RasterInputs(
            bands: [
                .red: BandSource(path: ProjectRoot.sample("sentinel2_l2a_B04.tif"), band: .index(1)),
                .nir: BandSource(path: lonlat, band: .index(1))
            ],
            scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1))
        inputs.gridRole = .red
        let warped = try MapJob.run(MapRequest(inputs: inputs))
        let direct = try MapJob.run(
            MapRequest(
                inputs: RasterInputs(
                    bands: [
                        .red: BandSource(path: ProjectRoot.sample("sentinel2_l2a_B04.tif"), band: .index(1)),
                        .nir: BandSource(path: ProjectRoot.sample("sentinel2_l2a_B08.tif"), band: .index(1))
                    ],
                    scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1))))
        #expect(warped.crsCode == "EPSG:32647" && warped.width == 400)
        #expect(
            warped.inputs.first { $0.role == "nir" }?.resampling == "average",
            "its ~9 m cells are finer than the 10 m grid")
        #expect(abs(warped.meanNDVI! - direct.meanNDVI!) < 0.01, "\(warped.meanNDVI!) vs \(direct.meanNDVI!)")
        #expect(Double(warped.validCells) > 0.97 * Double(direct.validCells))
    }
}
