import Foundation
import GDALKit
import Verdant

/// Deterministic irregular parcels (star-shaped, 24 vertices, ~1–10 ha) over the synthetic scene, in its CRS.
enum SyntheticParcels {
    static func polygons(count: Int, sceneSize: Int, seed: UInt64 = 11) -> [MultiPolygon] {
        var state = seed
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let extent = Double(sceneSize) * 10
        return (0..<count).map { _ in
            let cx = 600_000 + next() * extent, cy = 1_600_000 - next() * extent
            let radius = 60 + next() * 120
            let ring = (0..<24).map { k -> Coordinate in
                let angle = Double(k) / 24 * 2 * Double.pi
                let r = radius * (0.7 + 0.3 * next())
                return Coordinate(x: cx + r * cos(angle), y: cy + r * sin(angle))
            }
            return MultiPolygon(polygons: [Polygon(exterior: ring)])
        }
    }

    /// Writes them in longitude/latitude (EPSG:4326, as most parcel files come) once and returns the path.
    static func lonLatPath(count: Int, sceneSize: Int) throws -> String {
        let path = NSTemporaryDirectory() + "verdant-bench-parcels-lonlat-\(count)-\(sceneSize).geojson"
        if FileManager.default.fileExists(atPath: path) { return path }
        let toLonLat = try CoordinateTransformation(
            from: SpatialReference(userInput: "EPSG:32647"),
            to: SpatialReference(userInput: "EPSG:4326"))
        var text = "{\"type\":\"FeatureCollection\",\"features\":[\n"
        text += try polygons(count: count, sceneSize: sceneSize).enumerated().map { i, p in
            let ring = p.polygons[0].exterior + [p.polygons[0].exterior[0]]
            var xs = ring.map(\.x), ys = ring.map(\.y)
            try toLonLat.transform(x: &xs, y: &ys)
            let coordinates = zip(xs, ys).map { "[\($0),\($1)]" }.joined(separator: ",")
            return
                "{\"type\":\"Feature\",\"properties\":{\"parcel_id\":\"p\(i)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(coordinates)]]}}"
        }.joined(separator: ",\n")
        text += "\n]}\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes them as GeoJSON (EPSG:32647) once and returns the path.
    static func path(count: Int, sceneSize: Int) throws -> String {
        let path = NSTemporaryDirectory() + "verdant-bench-parcels-\(count)-\(sceneSize).geojson"
        if FileManager.default.fileExists(atPath: path) { return path }
        var text =
            "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::32647\"}},\"features\":[\n"
        text += polygons(count: count, sceneSize: sceneSize).enumerated().map { i, p in
            let ring = (p.polygons[0].exterior + [p.polygons[0].exterior[0]]).map { "[\($0.x),\($0.y)]" }.joined(
                separator: ",")
            return
                "{\"type\":\"Feature\",\"properties\":{\"parcel_id\":\"p\(i)\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(ring)]]}}"
        }.joined(separator: ",\n")
        text += "\n]}\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes one spiky lon/lat parcel over the sample raster (as Benchmarks/compare/make_spiky.py does) once and
    /// returns the path: a star of `vertices` random radii in [0.001°, 0.005°], or a chain of vertices/2
    /// figure-eights.
    static func spikyPath(vertices n: Int, eights: Bool) throws -> String {
        let path = NSTemporaryDirectory() + "verdant-bench-\(eights ? "eights" : "star")-\(n).geojson"
        if FileManager.default.fileExists(atPath: path) { return path }
        let lon = 99.9464, lat = 14.4572
        var ring: [(Double, Double)]
        if eights {
            let steps = n / 2, dx = 0.008 / Double(steps), west = lon - 0.004
            ring = (0...steps).map { k in (west + Double(k) * dx, lat + (k % 2 == 1 ? 0.002 : 0)) }
            ring += (0...steps).reversed().map { k in (west + Double(k) * dx, lat + (k % 2 == 1 ? 0 : 0.002)) }
        } else {
            var state: UInt64 = 1
            ring = (0..<n).map { k in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let r = 0.001 + 0.004 * Double(state >> 11) * 0x1p-53, a = 2 * Double.pi * Double(k) / Double(n)
                return (lon + r * cos(a), lat + r * sin(a))
            }
        }
        ring.append(ring[0])
        let coordinates = ring.map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
        let text =
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"parcel_id\":\"spiky\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(coordinates)]]}}]}\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
