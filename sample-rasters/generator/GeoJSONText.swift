import Foundation

/// Writes a small GeoJSON FeatureCollection of polygons by hand (the generator does not need OGR for this).
struct GeoJSONText {
    struct Feature {
        var properties: [(String, String)]
        /// Polygons, each a list of rings (first exterior), each ring a list of (x, y).
        var polygons: [[[(Double, Double)]]]
    }

    var crsName: String?
    var features: [Feature] = []

    func render(digits: Int) -> String {
        func num(_ v: Double) -> String { String(format: "%.\(digits)f", v) }
        func ring(_ r: [(Double, Double)]) -> String {
            var pts = r
            if let f = r.first, let l = r.last, f != l { pts.append(f) }
            return "[" + pts.map { "[\(num($0.0)), \(num($0.1))]" }.joined(separator: ", ") + "]"
        }
        var out = "{\n\"type\": \"FeatureCollection\",\n"
        if let crsName { out += "\"crs\": { \"type\": \"name\", \"properties\": { \"name\": \"\(crsName)\" } },\n" }
        out += "\"features\": [\n"
        out += features.map { f in
            let props = f.properties.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ")
            let geometry: String
            if f.polygons.count == 1 {
                geometry =
                    "{ \"type\": \"Polygon\", \"coordinates\": [" + f.polygons[0].map(ring).joined(separator: ", ")
                    + "] }"
            } else {
                geometry =
                    "{ \"type\": \"MultiPolygon\", \"coordinates\": ["
                    + f.polygons.map { "[" + $0.map(ring).joined(separator: ", ") + "]" }.joined(separator: ", ")
                    + "] }"
            }
            return "{ \"type\": \"Feature\", \"properties\": { \(props) }, \"geometry\": \(geometry) }"
        }.joined(separator: ",\n")
        out += "\n]\n}\n"
        return out
    }
}
