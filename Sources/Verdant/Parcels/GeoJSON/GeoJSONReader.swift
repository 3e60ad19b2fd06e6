import Foundation
import GDALKit

/// Reads a GeoJSON FeatureCollection of polygons on several threads, giving the same features, attributes, ids
/// and CRS as OGR's GeoJSON driver, which reads such files twice on one thread.
///
/// It takes only what it reads exactly as OGR does: a FeatureCollection (with an optional `name`, and an
/// optional `crs` naming an EPSG code or CRS84) of Features without `id`, whose properties are strings, numbers
/// and nulls (no date-like strings, no field mixing strings and numbers, no numeric `id`, keys in one order) and
/// whose geometries are null, Polygons or MultiPolygons of closed 2D rings. Anything else throws
/// `GeoJSONNotSimple`, and the file is read through OGR.
enum GeoJSONReader {
    /// True for the file names the reader tries (`.geojson`, `.json`).
    static func handles(_ path: String) -> Bool {
        let lower = path.lowercased()
        return !lower.hasPrefix("/vsi") && !RemotePath.isRemote(path)
            && (lower.hasSuffix(".geojson") || lower.hasSuffix(".json"))
    }

    /// The features of the GeoJSON file at `path`, read on `threads` threads.
    static func read(path: String, threads: Int) throws -> FeatureTable {
        // OGR picks a driver from the first bytes, and another driver may claim a file named .geojson (one with
        // "<OGRVRTDataSource" near its start): such a file is OGR's to read, as it would be without this reader.
        let driver = VectorDataset.identifyDriver(path)
        guard driver == "GeoJSON" else {
            throw GeoJSONNotSimple(reason: "OGR reads it with driver \(driver ?? "none")")
        }
        // The mapping is dropped once the bytes are copied: the scanners read the copy.
        let bytes = JSONBytes(try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
        return try read(bytes, path: path, threads: threads)
    }

    private static func read(_ bytes: JSONBytes, path: String, threads: Int) throws -> FeatureTable {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { throw GeoJSONNotSimple(reason: "byte order mark") }
        var s = JSONScanner(bytes, range: 0..<bytes.count)
        var isCollection = false, name: String?, crsName: String?
        var ranges: [Range<Int>] = []
        var sawFeatures = false
        try s.object { s, key in
            switch key {
            case "type": isCollection = try s.string() == "FeatureCollection"
            case "name": name = try s.string()
            case "crs": crsName = try crs(&s)
            case "features":
                sawFeatures = true
                try s.array { s in
                    s.skipSpace()
                    let start = s.position
                    try s.skipValue()
                    ranges.append(start..<s.position)
                }
            default:
                // OGR finds some members whatever their case ("Crs"): such a spelling is left to it.
                if ["type", "name", "crs", "features"].contains(key.lowercased()) { throw s.fail("member '\(key)'") }
                try s.skipValidValue()
            }
        }
        s.skipSpace()
        guard isCollection, sawFeatures, s.position == s.end else {
            throw GeoJSONNotSimple(reason: "not a FeatureCollection")
        }

        // Features in chunks on the workers, results in file order.
        let chunk = max(64, ranges.count / max(1, threads * 8))
        let chunks = stride(from: 0, to: ranges.count, by: chunk).map { $0..<min($0 + chunk, ranges.count) }
        let featureRanges = ranges
        let parsed = try ParallelMap.map(
            count: chunks.count, threads: threads, makeWorker: { () },
            body: { _, c in
                try chunks[c].map { i -> ParsedFeature in
                    var f = JSONScanner(bytes, range: featureRanges[i])
                    return try feature(&f)
                }
            }
        ).flatMap { $0 }

        let (fields, kinds) = try fieldTypes(parsed)
        let index = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
        var attributes: [[FieldValue]] = []
        attributes.reserveCapacity(parsed.count)
        for f in parsed {
            var values = [FieldValue](repeating: .null, count: fields.count)
            for (key, value) in f.properties {
                let k = index[key]!
                switch value {
                case .null: break
                case .string(let text): values[k] = .string(text)
                case .number(let n):
                    values[k] =
                        kinds[k] == .real ? .real(n.double) : (n.integerValue.map { .integer($0) } ?? .real(n.double))
                }
            }
            attributes.append(values)
        }
        let layerName = name ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let srs: SpatialReference
        do { srs = try SpatialReference(userInput: crsName ?? "EPSG:4326") } catch {
            throw GeoJSONNotSimple(reason: "crs '\(crsName ?? "")'")
        }
        var table = FeatureTable(
            layerName: layerName, fields: fields, crs: srs, labels: parsed.indices.map(String.init),
            attributes: attributes, wkbs: parsed.map(\.wkb))
        table.crsStated = crsName != nil
        return table
    }

    /// The name of a `crs` member of type `name`.
    private static func crs(_ s: inout JSONScanner) throws -> String {
        var type: String?, name: String?
        try s.object { s, key in
            switch key {
            case "type": type = try s.string()
            case "properties":
                try s.object { s, key in
                    guard key == "name" else { throw s.fail("crs property '\(key)'") }
                    name = try s.string()
                }
            default: throw s.fail("crs member '\(key)'")
            }
        }
        guard type == "name", let name else { throw GeoJSONNotSimple(reason: "crs not of type name") }
        // OGR names CRS84 "WGS 84", as EPSG:4326 in GIS axis order; other names than EPSG codes are left to it.
        if ["urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "OGC:CRS84"].contains(name) {
            return "EPSG:4326"
        }
        let code =
            name.hasPrefix("urn:ogc:def:crs:EPSG::")
            ? name.dropFirst("urn:ogc:def:crs:EPSG::".count)
            : name.hasPrefix("EPSG:") ? name.dropFirst("EPSG:".count) : ""
        guard !code.isEmpty, code.allSatisfy(\.isASCII), Int(code) != nil else {
            throw GeoJSONNotSimple(reason: "crs '\(name)'")
        }
        return "EPSG:" + code
    }

    /// A property value.
    enum PropertyValue {
        case null
        case number(JSONScanner.Number)
        case string(String)
    }

    /// One feature as read.
    struct ParsedFeature {
        var properties: [(String, PropertyValue)] = []
        var wkb: [UInt8]?
    }

    private static func feature(_ s: inout JSONScanner) throws -> ParsedFeature {
        var out = ParsedFeature()
        var isFeature = false
        try s.object { s, key in
            switch key {
            case "type": isFeature = try s.string() == "Feature"
            case "properties":
                if s.peek() == UInt8(ascii: "n") { _ = try s.literal(); return }
                try s.object { s, key in
                    switch s.peek() ?? 0 {
                    case UInt8(ascii: "\""):
                        let text = try s.string()
                        if looksLikeDateOrTime(text) { throw s.fail("date-like text in '\(key)'") }
                        out.properties.append((key, .string(text)))
                    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        out.properties.append((key, .number(try s.number())))
                    default:
                        guard try s.literal() == "null" else { throw s.fail("boolean in '\(key)'") }
                        out.properties.append((key, .null))
                    }
                }
            case "geometry":
                if s.peek() == UInt8(ascii: "n") {
                    guard try s.literal() == "null" else { throw s.fail("bad geometry") }
                    return
                }
                out.wkb = try geometry(&s)
            case "bbox": try s.skipValidValue()
            default: throw s.fail("feature member '\(key)'")
            }
        }
        guard isFeature else { throw GeoJSONNotSimple(reason: "not a Feature") }
        return out
    }

    private static func geometry(_ s: inout JSONScanner) throws -> [UInt8] {
        var type: String?
        var wkb: [UInt8]?
        var later: Range<Int>?
        try s.object { s, key in
            switch key {
            case "type": type = try s.string()
            case "coordinates":
                if let type {
                    wkb = try coordinates(&s, type: type)
                } else {
                    s.skipSpace()
                    let start = s.position
                    try s.skipValue()
                    later = start..<s.position
                }
            case "bbox": try s.skipValidValue()
            default: throw s.fail("geometry member '\(key)'")
            }
        }
        if wkb == nil, let type, let later {
            var c = s.scanner(over: later)
            wkb = try coordinates(&c, type: type)
        }
        guard let wkb else { throw GeoJSONNotSimple(reason: "geometry without coordinates") }
        return wkb
    }

    private static func coordinates(_ s: inout JSONScanner, type: String) throws -> [UInt8] {
        switch type {
        case "Polygon": return WKBWriter.polygon(try polygon(&s))
        case "MultiPolygon":
            var polygons: [[[Double]]] = []
            try s.array { s in polygons.append(try polygon(&s)) }
            guard !polygons.isEmpty else { throw s.fail("empty MultiPolygon") }
            return WKBWriter.multiPolygon(polygons)
        default: throw s.fail("\(type) geometry")
        }
    }

    /// Rings, each flat (x0, y0, x1, y1, …), closed and of four points or more.
    private static func polygon(_ s: inout JSONScanner) throws -> [[Double]] {
        var rings: [[Double]] = []
        try s.array { s in
            var ring: [Double] = []
            try s.array { s in
                try s.expect(UInt8(ascii: "["))
                let x = try s.number().double
                try s.expect(UInt8(ascii: ","))
                let y = try s.number().double
                guard !s.take(UInt8(ascii: ",")) else { throw s.fail("3D coordinates") }
                try s.expect(UInt8(ascii: "]"))
                ring.append(x)
                ring.append(y)
            }
            let n = ring.count
            guard n >= 8, ring[0] == ring[n - 2], ring[1] == ring[n - 1] else { throw s.fail("open or short ring") }
            rings.append(ring)
        }
        guard !rings.isEmpty else { throw s.fail("empty polygon") }
        return rings
    }

    /// Text OGR could take for a date, a time or a date-time (it types such fields as dates): any text that
    /// starts with a digit or a space and holds '-', '/' or ':'.
    static func looksLikeDateOrTime(_ text: String) -> Bool {
        guard let first = text.utf8.first,
            first == UInt8(ascii: " ") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else {
            return false
        }
        return text.utf8.contains { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ":") }
    }

    /// The attribute columns in order of first appearance and their kinds, typed as OGR types them: integers
    /// (when every value is an integer), reals (numbers, some not integers), text (every value text, or none).
    ///
    /// OGR orders the columns so that each feature's keys keep their order (a topological sort); where features
    /// order their keys differently, a feature puts a new key before a known one, or the features leave the order of
    /// two columns open (found by fuzz-geojson: OGR's tie-breaking is not first appearance), its order is its own:
    /// such files are left to it. So is a numeric `id` property, which OGR takes for the feature ids.
    static func fieldTypes(_ features: [ParsedFeature]) throws -> ([FieldDefinition], [FieldType]) {
        var order: [String] = [], kinds: [FieldType?] = []
        var index: [String: Int] = [:], lowercased: [String: String] = [:]
        // Pairs of columns (i << 32 | k) whose keys come one right after the other in some feature.
        var follows = Set<Int>()
        for f in features {
            var last = -1, added = false
            for (key, value) in f.properties {
                let k: Int
                if let i = index[key] {
                    guard !added && i > last else {
                        throw GeoJSONNotSimple(reason: "properties in another order ('\(key)')")
                    }
                    k = i
                } else {
                    // OGR looks field names up regardless of case.
                    if let other = lowercased[key.lowercased()], other != key {
                        throw GeoJSONNotSimple(reason: "properties '\(other)' and '\(key)' differ only in case")
                    }
                    k = order.count
                    index[key] = k
                    lowercased[key.lowercased()] = key
                    order.append(key)
                    kinds.append(nil)
                    added = true
                }
                if last >= 0 { follows.insert(last << 32 | k) }
                last = k
                // OGR takes a numeric `id` property, or one with an empty name, for the feature ids.
                if case .number = value, key.lowercased() == "id" || key.isEmpty {
                    throw GeoJSONNotSimple(reason: "a numeric '\(key)' property (OGR takes it for the feature ids)")
                }
                let kind: FieldType
                switch value {
                case .null: continue
                case .string: kind = .string
                case .number(let n): kind = n.integerValue == nil ? .real : .integer
                }
                switch (kinds[k], kind) {
                case (nil, _): kinds[k] = kind
                case (.integer, .real), (.real, .integer): kinds[k] = .real
                case let (a?, b) where a == b: break
                default: throw GeoJSONNotSimple(reason: "property '\(key)' mixes text and numbers")
                }
            }
        }
        // OGR sorts the columns topologically by those pairs: the order is first appearance for sure only when each
        // column is followed by the next in some feature (else OGR's tie-breaking decides).
        for k in order.indices.dropLast() where !follows.contains(k << 32 | (k + 1)) {
            throw GeoJSONNotSimple(
                reason: "the order of properties '\(order[k])' and '\(order[k + 1])' is not fixed by any feature")
        }
        let types = kinds.map { $0 ?? .string }
        return (zip(order, types).map { FieldDefinition(name: $0, type: $1) }, types)
    }
}

extension JSONScanner.Number {
    /// The integer, nil for a real.
    var integerValue: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }
}
