import Foundation
import GDALKit

/// Writes small vector files for tests.
public enum VectorFixture {
    /// A feature: properties (JSON literals by name) and polygons as rings of (x, y).
    public struct Feature: Sendable {
        /// Property name → JSON literal (e.g. `"\"A\""`, `"3"`).
        public var properties: [(String, String)]
        /// Polygons → rings → points; nil geometry writes `null`.
        public var polygons: [[[(Double, Double)]]]?
        /// A GeoJSON geometry object written as it is (a Point, a LineString, …), instead of `polygons`.
        public var geometryJSON: String?

        /// A feature.
        public init(properties: [(String, String)], polygons: [[[(Double, Double)]]]?) {
            self.properties = properties
            self.polygons = polygons
        }

        /// A feature with a geometry given as GeoJSON text.
        public init(properties: [(String, String)], geometryJSON: String) {
            self.properties = properties
            self.geometryJSON = geometryJSON
        }
    }

    /// Writes a GeoJSON FeatureCollection; `crs` (e.g. `EPSG:32647`) adds a `crs` member, nil means none given.
    @discardableResult
    public static func geojson(_ path: String, crs: String?, features: [Feature]) throws -> String {
        func ring(_ r: [(Double, Double)]) -> String {
            "[" + r.map { "[\($0.0), \($0.1)]" }.joined(separator: ",") + "]"
        }
        var text = "{\"type\": \"FeatureCollection\",\n"
        if let crs {
            let code = crs.split(separator: ":").last!
            text += "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::\(code)\"}},\n"
        }
        text +=
            "\"features\": [\n"
            + features.map { f in
                let props = f.properties.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ")
                let geometry: String
                if let raw = f.geometryJSON {
                    geometry = raw
                } else if let polygons = f.polygons {
                    geometry =
                        "{\"type\": \"MultiPolygon\", \"coordinates\": ["
                        + polygons.map { "[" + $0.map(ring).joined(separator: ",") + "]" }.joined(separator: ",") + "]}"
                } else {
                    geometry = "null"
                }
                return "{\"type\": \"Feature\", \"properties\": {\(props)}, \"geometry\": \(geometry)}"
            }.joined(separator: ",\n") + "\n]}\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Copies every layer of `source` into a new file with the driver `driver` (GPKG, ESRI Shapefile, FlatGeobuf);
    /// `withCRS: false` writes layers that state no CRS.
    @discardableResult
    public static func convert(
        _ source: String, to path: String, driver: String, layerNames: [String]? = nil,
        withCRS: Bool = true
    ) throws -> String {
        let input = try VectorDataset.open(source)
        let output = try VectorDataset.create(path, driverName: driver)
        for i in 0..<input.layerCount {
            let layer = try input.layer(at: i)
            let name = layerNames?[i] ?? layer.name
            let copy = try output.createLayer(name: name, spatialReference: withCRS ? layer.spatialReference : nil)
            for field in layer.fields { try copy.createField(field) }
            for feature in try layer.features() {
                try copy.addFeature(values: feature.values, geometry: feature.geometry()?.multiPolygon())
            }
        }
        try output.close()
        return path
    }

    /// A rectangle ring.
    public static func rect(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [(Double, Double)] {
        [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    }
}
