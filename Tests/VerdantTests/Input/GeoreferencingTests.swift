import Foundation
import GDALKit
import TestSupport
import Testing

@testable import Verdant

@Suite struct GeoreferencingTests {
    @Test func aGeotransformMustBeFiniteWithCellsOfSomeArea() throws {
        try ResolvedInputs.check(
            GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10), path: "a.tif")
        for (gt, word) in [
            (GeoTransform([.nan, 10, 0, 0, 0, -10]), "not finite"),
            (GeoTransform([0, 10, 0, 0, 0, .infinity]), "not finite"),
            (GeoTransform([0, 0, 0, 0, 0, -10]), "zero")
        ] {
            do {
                try ResolvedInputs.check(gt, path: "a.tif")
                Issue.record("\(gt) was accepted")
            } catch let e as VerdantError {
                #expect(e.exitCode == 2 && e.description.hasPrefix("a.tif: ") && e.description.contains(word), "\(e)")
            }
        }
    }

    @Test func aRasterWithoutCRSNeedsAnAssumedOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try RasterFixture.write(
            folder.file("no-crs.tif"), width: 2, height: 2, type: .float32, bands: [[1, 2, 3, 4]], epsg: nil)
        let ds = try Dataset.open(path)
        do {
            _ = try ResolvedInputs.georeferencing(of: ds, path: path, assumed: nil)
            Issue.record("a raster without CRS was accepted")
        } catch let e as VerdantError {
            #expect(e.description.contains("has no CRS"))
        }
        let (gt, crs) = try ResolvedInputs.georeferencing(
            of: ds, path: path, assumed: try SpatialReference(epsg: 32647))
        #expect(gt == GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10))
        #expect(crs.authorityCode == "EPSG:32647" && crs.isProjected)
    }

    @Test func aRastersOwnCRSWinsOverTheAssumedOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try RasterFixture.write(
            folder.file("utm.tif"), width: 2, height: 2, type: .float32, bands: [[1, 2, 3, 4]], epsg: 32648)
        let (_, crs) = try ResolvedInputs.georeferencing(
            of: try Dataset.open(path), path: path, assumed: try SpatialReference(epsg: 32647))
        #expect(crs.authorityCode == "EPSG:32648")
    }
}
