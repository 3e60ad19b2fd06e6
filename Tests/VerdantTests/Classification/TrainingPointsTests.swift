import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant

/// Training points (`TrainingPoints`) on two noise-free dates of `ClassifyDatesScene`: a CSV of x, y, a CSV of lon,
/// lat and a GeoPackage of points in EPSG:4326 give the same hand-checked samples, one per point, each its own
/// group; the errors name the point.
@Suite struct TrainingPointsTests {
    /// One point per quadrant: (row, column, class, red on date 1, NIR on date 2).
    static let points: [(Int, Int, String, Double, Double)] = [
        (5, 5, "stable", 0.05, 0.45), (7, 25, "changed", 0.05, 0.25), (20, 9, "stable", 0.20, 0.25),
        (30, 17, "changed", 0.20, 0.45)
    ]

    /// The points as CSV rows `class,x,y` in EPSG:32647, moved by (dx, dy) from their cell's centre.
    static func rows(dx: Double = 0, dy: Double = 0) -> [String] {
        points.map { p in
            let c = ClassifyDatesScene.centre(p.0, p.1)
            return "\(p.2),\(c.x + dx),\(c.y + dy)"
        }
    }

    static func lonLat(_ r: Int, _ c: Int) throws -> (x: Double, y: Double) {
        let p = ClassifyDatesScene.centre(r, c)
        return try CoordinateTransformation(
            from: try SpatialReference(epsg: 32647), to: try SpatialReference(epsg: 4326)
        )
        .transform(x: p.x, y: p.y)
    }

    static func check(_ s: TrainingSamples) {
        #expect(s.classNames == ClassifyDatesScene.classes)
        #expect(s.labels == [1, 0, 1, 0] && s.groups == [0, 1, 2, 3])
        for (k, p) in points.enumerated() {
            #expect(s.features.values[2 * k] == Float(p.3) && s.features.values[2 * k + 1] == Float(p.4), "\(k)")
        }
    }

    static func samples(
        _ folder: TemporaryFolder, _ training: ParcelSource, crs: String? = nil
    ) throws -> TrainingSamples {
        try ClassifyDatesScene.samples(
            try ClassifyDatesScene.series(folder, noise: false), features: "red@1,nir@2", training: training, crs: crs)
    }

    @Test func aCSVOfXYGivesTheCellOfEachPoint() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Off the centre, inside the cell.
        let rows = Self.rows(dx: 4, dy: -3)
        let s = try Self.samples(folder, try ClassifyDatesScene.csv(folder, "xy.csv", header: "class,x,y", rows: rows))
        Self.check(s)
        #expect(s.polygonIDs == ["line 2", "line 3", "line 4", "line 5"])
    }

    @Test func aCSVOfLonLatAndAGeoPackageOfPointsInLonLatGiveTheSameSamples() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ll = try Self.points.map { try Self.lonLat($0.0, $0.1) }
        let csv = try ClassifyDatesScene.csv(
            folder, "ll.csv", header: "id,lat,lon,class",
            rows: zip(Self.points, ll).enumerated().map { k, v in "p\(k),\(v.1.y),\(v.1.x),\(v.0.2)" })
        let s = try Self.samples(folder, csv)
        Self.check(s)
        #expect(s.polygonIDs == ["p0", "p1", "p2", "p3"])
        // A CSV's x, y in another CRS.
        let utm = try ClassifyDatesScene.csv(
            folder, "utm.csv", header: "x,y,class",
            rows: zip(Self.points, ll).map { "\($0.1.x),\($0.1.y),\($0.0.2)" })
        Self.check(try Self.samples(folder, utm, crs: "EPSG:4326"))

        let gpkg = folder.file("points.gpkg")
        let ds = try VectorDataset.create(gpkg, driverName: "GPKG")
        let layer = try ds.createLayer(name: "points", spatialReference: try SpatialReference(epsg: 4326), points: true)
        try layer.createField(FieldDefinition(name: "class", type: .string))
        for (p, q) in zip(Self.points, ll) {
            try layer.addFeature(values: [.string(p.2)], geometry: Geometry(pointX: q.x, y: q.y))
        }
        try ds.close()
        let g = try Self.samples(folder, ParcelSource(path: gpkg))
        Self.check(g)
        #expect(g.polygonIDs == ["1", "2", "3", "4"])
    }

    @Test func badPointsAreErrorsNamingTheFileAndPoint() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let good = Self.rows()
        func error(
            _ name: String, header: String = "class,x,y", _ rows: [String], clouds: Bool = false
        ) throws -> String {
            let source = try ClassifyDatesScene.csv(folder, name, header: header, rows: rows)
            let series = try ClassifyDatesScene.series(
                folder, clouds: clouds ? [1: [(20, 9)]] : [:], noise: false, name: name + "-dates.csv")
            do {
                _ = try ClassifyDatesScene.samples(series, features: "red@1,nir@2", training: source)
            } catch let e as VerdantError {
                #expect(e.description.contains(source.path), "\(e)")
                return e.description
            }
            Issue.record("\(name) gave samples")
            return ""
        }
        let outside = try error("outside.csv", good + ["stable,599000,1599900"])
        #expect(outside.contains("point line 6") && outside.contains("outside the raster"), "\(outside)")
        let cloudy = try error("cloudy.csv", good, clouds: true)
        #expect(cloudy.contains("point line 4") && cloudy.contains("not observed"), "\(cloudy)")
        let lonely = try error("lonely.csv", Array(good.dropLast()))
        #expect(
            lonely.contains("point line 3") && lonely.contains("'changed'") && lonely.contains("2 points"), "\(lonely)")
        let columns = try error("columns.csv", header: "class,east,north", good)
        #expect(columns.contains("no coordinate columns") && columns.contains("east, north"), "\(columns)")
        let unlabelled = try error("unlabelled.csv", good + [",600055,1599945"])
        #expect(unlabelled.contains("point line 6") && unlabelled.contains("no class"), "\(unlabelled)")
    }

    @Test func eachPointIsItsOwnCrossValidationGroup() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var rows: [String] = []
        for (r, c) in ClassifyDatesScene.squareCorners {
            let p = ClassifyDatesScene.centre(r, c)
            rows.append("\(ClassifyDatesScene.className(row: r, column: c)),\(p.x),\(p.y)")
        }
        var request = try ClassifyDatesScene.request(
            folder, series: try ClassifyDatesScene.series(folder), features: "ndvi:min,ndvi:max",
            training: try ClassifyDatesScene.csv(folder, "pts.csv", header: "class,x,y", rows: rows))
        request.folds = 4
        let result = try ClassifyJob.run(request)
        #expect(result.samples == 8 && result.samplesPerClass == [4, 4])
        let folds = try #require(result.polygonFolds)
        #expect(folds.count == 8 && Set(folds.keys) == Set((2...9).map { "line \($0)" }))
        #expect(Set(folds.values) == [0, 1, 2, 3])
    }
}
