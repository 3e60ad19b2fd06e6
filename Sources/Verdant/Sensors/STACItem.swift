import Foundation

/// A STAC item: its assets (keys, hrefs, band names) and properties, read from a local JSON file.
public struct STACItem: Hashable, Sendable {
    /// One asset.
    public struct Asset: Hashable, Sendable {
        /// The asset key (`red`, `B04`, `scl`).
        public var key: String
        /// A path GDAL can open: local (relative hrefs resolved against the item) or `/vsicurl/`, `/vsis3/`.
        public var path: String
        /// Band names of the asset (`eo:bands` name and common_name).
        public var bandNames: [String]
    }

    /// The item file.
    public var file: String
    /// The assets.
    public var assets: [Asset]
    /// `s2:processing_baseline`, when given.
    public var processingBaseline: String?
    /// The acquisition time (`properties.datetime`, else `start_datetime`), when given.
    public var datetime: String?
    /// The item's id, when given.
    public var id: String?

    /// Reads a STAC item JSON file.
    public init(file: String) throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw VerdantError.input(file: file, problem: "no such file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw VerdantError.input(file: file, problem: "is not a JSON object (a STAC item)")
        }
        try self.init(object: object, file: file)
    }

    /// An item from its parsed JSON, read from `file` (hrefs are resolved against the file's folder; errors name
    /// `file`, and `label` when the item is one of an ItemCollection).
    public init(object: [String: Any], file: String, label: String? = nil) throws {
        let what = label.map { "\($0) " } ?? ""
        guard let assets = object["assets"] as? [String: Any], !assets.isEmpty else {
            throw VerdantError.input(file: file, problem: "\(what)is not a STAC item: it has no assets")
        }
        let properties = object["properties"] as? [String: Any] ?? [:]
        self.file = file
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        self.assets = assets.keys.sorted().compactMap { key in
            guard let asset = assets[key] as? [String: Any], let href = asset["href"] as? String else { return nil }
            var names: [String] = []
            for band in (asset["eo:bands"] as? [[String: Any]]) ?? [] {
                if let n = band["name"] as? String { names.append(n) }
                if let n = band["common_name"] as? String { names.append(n) }
            }
            return Asset(key: key, path: STACItem.gdalPath(href, base: base), bandNames: names)
        }
        if let baseline = properties["s2:processing_baseline"] {
            processingBaseline = "\(baseline)"
        }
        datetime = properties["datetime"] as? String ?? properties["start_datetime"] as? String
        id = object["id"] as? String
    }

    /// A path GDAL opens for an href.
    static func gdalPath(_ href: String, base: URL) -> String {
        if let remote = RemotePath(href) { return remote.gdalPath }
        if href.hasPrefix("file://") { return String(href.dropFirst(7)) }
        if href.hasPrefix("/") { return href }
        return base.appendingPathComponent(href).standardizedFileURL.path
    }

    /// The asset for one of `names` (asset key first, then eo:bands names; case-insensitive).
    public func asset(named names: [String]) -> Asset? {
        for name in names {
            if let a = assets.first(where: { $0.key.lowercased() == name.lowercased() }) { return a }
        }
        for name in names {
            if let a = assets.first(where: { $0.bandNames.contains { $0.lowercased() == name.lowercased() } }) {
                return a
            }
        }
        return nil
    }
}
