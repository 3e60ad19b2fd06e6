import Foundation
import GDALKit
import Testing

@testable import Verdant

@Suite struct RasterGridTests {
    static func utm(width: Int = 4, height: Int = 3) throws -> RasterGrid {
        try RasterGrid(
            path: "g.tif", width: width, height: height,
            geoTransform: GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10),
            crs: try SpatialReference(epsg: 32647))
    }

    static func square(_ x0: Double, _ y0: Double, _ side: Double) -> MultiPolygon {
        MultiPolygon(polygons: [
            Polygon(
                exterior: [
                    Coordinate(x: x0, y: y0), Coordinate(x: x0 + side, y: y0),
                    Coordinate(x: x0 + side, y: y0 + side), Coordinate(x: x0, y: y0 + side)
                ],
                holes: [])
        ])
    }

    @Test func aProjectedGridsSizeExtentAndCellAreas() throws {
        let g = try Self.utm()
        #expect(g.cellCount == 12 && !g.isGeographic && g.unitSize == 1 && g.crsCode == "EPSG:32647")
        let e = g.extent
        #expect(e.minX == 600_000 && e.maxX == 600_040 && e.minY == 1_599_970 && e.maxY == 1_600_000)
        #expect(g.rowCellAreas() == [100, 100, 100] && g.cellArea(row: 2) == 100)
        let cells = try #require(g.cellGrid)
        #expect(cells.columns == 4 && cells.rows == 3 && cells.originX == 600_000 && cells.cellHeight == 10)
    }

    @Test func aParcelsAreaIsPlanarOnAProjectedGrid() throws {
        let g = try Self.utm()
        #expect(g.area(of: Self.square(600_000, 1_599_970, 20)) == 400)
        var feet = g
        feet.unitSize = 0.3048
        #expect(abs(feet.area(of: Self.square(0, 0, 100)) - 10_000 * 0.3048 * 0.3048) < 1e-9)
    }

    @Test func aParcelsAreaIsEllipsoidalOnALongitudeLatitudeGrid() throws {
        let g = try RasterGrid(
            path: "g.tif", width: 1, height: 1,
            geoTransform: GeoTransform(originX: 100, originY: 1, cellWidth: 1, cellHeight: 1),
            crs: try SpatialReference(epsg: 4326))
        #expect(g.isGeographic && abs(g.unitSize - Double.pi / 180) < 1e-15)
        // The one-degree cell from the equator to 1° N, as a cell and as a parcel.
        let cell = g.ellipsoid.cellRowArea(southLatitude: 0, northLatitude: 1, longitudeSpan: 1)
        #expect(g.cellArea(row: 0) == cell && g.rowCellAreas() == [cell])
        #expect(abs(g.area(of: Self.square(100, 0, 1)) - cell) < 1e-9 * cell)
        #expect(cell > 1.2e10 && cell < 1.24e10, "about 111 km × 111 km")
    }

    @Test func resamplingKeepsTheOriginAndCoversTheOldExtent() throws {
        let g = try Self.utm()
        let r = try g.resampled(cellSize: 20, file: "g.tif")
        #expect(r.width == 2 && r.height == 2, "30 m of rows make two 20 m rows")
        #expect(r.geoTransform == GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 20, cellHeight: 20))
        #expect(try g.resampled(cellSize: 5, file: "g.tif").width == 8)
        for size in [0.0, -1, .nan, .infinity] {
            #expect(throws: VerdantError.self) { try g.resampled(cellSize: size, file: "g.tif") }
        }
    }

    @Test func aRotatedLongitudeLatitudeGridIsRefused() throws {
        #expect(throws: VerdantError.self) {
            try RasterGrid(
                path: "g.tif", width: 2, height: 2, geoTransform: GeoTransform([100, 1, 0.1, 1, 0, -1]),
                crs: try SpatialReference(epsg: 4326))
        }
        let rotated = try RasterGrid(
            path: "g.tif", width: 2, height: 2, geoTransform: GeoTransform([600_000, 10, 1, 1_600_000, 0, -10]),
            crs: try SpatialReference(epsg: 32647))
        #expect(rotated.cellGrid == nil, "coverage needs north-up cells")
    }
}
