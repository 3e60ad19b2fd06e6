import Foundation

/// STAC items from files that hold one item each or an ItemCollection (a GeoJSON FeatureCollection of items).
public enum STACCollection {
    /// The items of `files`, in file order then feature order.
    public static func items(_ files: [String]) throws -> [STACItem] {
        var out: [STACItem] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw VerdantError.input(file: file, problem: "no such file")
            }
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw VerdantError.input(file: file, problem: "is not a JSON object (a STAC item or ItemCollection)")
            }
            if let features = object["features"] as? [Any] {
                guard !features.isEmpty else {
                    throw VerdantError.input(file: file, problem: "is an ItemCollection with no items")
                }
                for (i, f) in features.enumerated() {
                    guard let item = f as? [String: Any] else {
                        throw VerdantError.input(file: file, problem: "feature \(i + 1) is not a JSON object")
                    }
                    let label = "item \((item["id"] as? String).map { "'\($0)'" } ?? "\(i + 1)")"
                    out.append(try STACItem(object: item, file: file, label: label))
                }
            } else {
                out.append(try STACItem(object: object, file: file))
            }
        }
        return out
    }
}
