import Foundation
import GDALKit

/// Writes the per-parcel table with each parcel's geometry as GeoJSON, laid out as OGR's GeoJSON driver lays it out
/// (one feature per line, a `crs` member naming the parcels' CRS), on all cores. Numbers are written with every
/// digit needed to read them back exactly; reals keep a fraction or exponent so that readers type them as reals.
enum GeoJSONReport {
    /// The GeoJSON text of `report`, or nil when the parcels' CRS has no EPSG code or a geometry is not a 2D
    /// Polygon or MultiPolygon (OGR writes those).
    static func text(_ report: EstimateReport) -> String? {
        guard let crs = try? SpatialReference(userInput: report.parcels.crsWKT), let code = crs.authorityCode,
              code.hasPrefix("EPSG:") else { return nil }
        let crsName = code == "EPSG:4326" ? "urn:ogc:def:crs:OGC:1.3:CRS84" : "urn:ogc:def:crs:EPSG::" + code.dropFirst(5)
        let rows = report.rows, parcels = report.parcels.parcels, attributeIndices = report.attributeIndices
        let index = report.metadata.model.index
        let names = ([ReportColumns.parcelID] + report.attributeFields.map(\.name) + ReportColumns.figureColumns(index: index)
                     + [ReportColumns.notes]).map { name -> String in
            var quoted = ""
            string(name, into: &quoted)
            return quoted
        }
        let chunk = 1024
        let chunks = try? ParallelMap.map(count: (rows.count + chunk - 1) / chunk,
                                          threads: ProcessInfo.processInfo.activeProcessorCount,
                                          makeWorker: { () }, body: { _, c -> String in
            var text = ""
            text.reserveCapacity(chunk * 2048)
            for i in (c * chunk)..<min(rows.count, (c + 1) * chunk) {
                let row = rows[i]
                let values = ReportColumns.fieldValues(row, attributeIndices: attributeIndices, index: index)
                text += i == 0 ? "{ \"type\": \"Feature\", \"properties\": { " : ",\n{ \"type\": \"Feature\", \"properties\": { "
                for (k, value) in values.enumerated() {
                    if k > 0 { text += ", " }
                    text += names[k]
                    text += ": "
                    switch value {
                    case .null: text += "null"
                    case .integer(let v): text += String(v)
                    case .real(let v): text += v.isFinite ? v.description : "null"
                    case .string(let s): string(s, into: &text)
                    }
                }
                text += " }, \"geometry\": "
                guard geometry(parcels[i].sourceWKB, into: &text) else { throw GeoJSONNotSimple(reason: "geometry") }
                text += " }"
            }
            return text
        })
        guard let chunks else { return nil }
        var head = "{\n\"type\": \"FeatureCollection\",\n\"name\": \"parcels\",\n\"description\": "
        string(EstimateReport.disclaimer, into: &head)
        head += ",\n\"crs\": { \"type\": \"name\", \"properties\": { \"name\": \"\(crsName)\" } },\n\"features\": [\n"
        return ([head] + chunks + ["\n]\n}\n"]).joined()
    }

    /// A JSON string.
    static func string(_ s: String, into text: inout String) {
        text += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if u.value < 0x20 {
                    text += "\\u00" + (u.value < 0x10 ? "0" : "") + String(u.value, radix: 16)
                } else {
                    text.unicodeScalars.append(u)
                }
            }
        }
        text += "\""
    }

    /// The GeoJSON geometry (as a MultiPolygon, as OGR's writer is asked to write it) of an ISO WKB Polygon or
    /// MultiPolygon in 2D; `null` for no geometry; false for anything else.
    static func geometry(_ wkb: [UInt8], into text: inout String) -> Bool {
        if wkb.isEmpty { text += "null"; return true }
        var reader = WKBReader(bytes: wkb)
        guard let polygons = reader.polygonal(), reader.atEnd else { return false }
        text += "{ \"type\": \"MultiPolygon\", \"coordinates\": [ "
        for (p, rings) in polygons.enumerated() {
            text += p == 0 ? "[ " : ", [ "
            for (r, ring) in rings.enumerated() {
                text += r == 0 ? "[ " : ", [ "
                for k in stride(from: 0, to: ring.count, by: 2) {
                    text += k == 0 ? "[ " : ", [ "
                    text += ring[k].description
                    text += ", "
                    text += ring[k + 1].description
                    text += " ]"
                }
                text += " ]"
            }
            text += " ]"
        }
        text += " ] }"
        return true
    }
}

/// Reads 2D Polygon and MultiPolygon ISO WKB (little-endian) into rings of flat (x, y) values.
struct WKBReader {
    let bytes: [UInt8]
    var position = 0

    /// True when every byte was read.
    var atEnd: Bool { position == bytes.count }

    /// The polygons of a Polygon or MultiPolygon, nil for anything else.
    mutating func polygonal() -> [[[Double]]]? {
        guard let type = header() else { return nil }
        switch type {
        case 3: return polygon().map { [$0] }
        case 6:
            guard let count = uint32() else { return nil }
            var out: [[[Double]]] = []
            for _ in 0..<count {
                guard header() == 3, let p = polygon() else { return nil }
                out.append(p)
            }
            return out
        default: return nil
        }
    }

    private mutating func header() -> UInt32? {
        guard position < bytes.count, bytes[position] == 1 else { return nil }
        position += 1
        return uint32()
    }

    private mutating func polygon() -> [[Double]]? {
        guard let rings = uint32() else { return nil }
        var out: [[Double]] = []
        for _ in 0..<rings {
            guard let n = uint32(), position + Int(n) * 16 <= bytes.count else { return nil }
            var ring = [Double](repeating: 0, count: Int(n) * 2)
            for k in 0..<(Int(n) * 2) {
                var bits: UInt64 = 0
                for b in 0..<8 { bits |= UInt64(bytes[position + b]) << (8 * UInt64(b)) }
                ring[k] = Double(bitPattern: bits)
                position += 8
            }
            out.append(ring)
        }
        return out
    }

    private mutating func uint32() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        let v = UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8 | UInt32(bytes[position + 2]) << 16 | UInt32(bytes[position + 3]) << 24
        position += 4
        return v
    }
}
