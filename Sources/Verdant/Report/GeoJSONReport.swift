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
            code.hasPrefix("EPSG:")
        else { return nil }
        let crsName =
            code == "EPSG:4326" ? "urn:ogc:def:crs:OGC:1.3:CRS84" : "urn:ogc:def:crs:EPSG::" + code.dropFirst(5)
        let rows = report.rows, parcels = report.parcels.parcels, attributeIndices = report.attributeIndices
        let index = report.metadata.model.index.name
        // Boolean columns are written as true/false, as OGR writes them (and reads them back as booleans).
        let booleans = ReportColumns.fields(
            attributes: report.attributeFields, index: index, classes: report.classColumns
        ).map { $0.subtype == .boolean }
        let names =
            ([ReportColumns.parcelID] + report.attributeFields.map(\.name)
            + ReportColumns.figureColumns(index: index, classes: report.classColumns)
            + [ReportColumns.notes]).map { name -> String in
                var quoted = ""
                JSONValue.appendString(name, to: &quoted)
                return quoted
            }
        let features = try? ParallelMap.text(
            count: rows.count, chunk: 1024, threads: ProcessInfo.processInfo.activeProcessorCount
        ) { range, text in
            text.reserveCapacity(range.count * 2048)
            for i in range {
                let row = rows[i]
                let values = ReportColumns.fieldValues(
                    row, attributeIndices: attributeIndices, index: index, classes: report.classColumns)
                text +=
                    i == 0
                    ? "{ \"type\": \"Feature\", \"properties\": { " : ",\n{ \"type\": \"Feature\", \"properties\": { "
                for (k, value) in values.enumerated() {
                    if k > 0 { text += ", " }
                    text += names[k]
                    text += ": "
                    switch value {
                    case .null: text += "null"
                    case .integer(let v): text += booleans[k] ? (v != 0 ? "true" : "false") : String(v)
                    case .real(let v): text += v.isFinite ? v.description : "null"
                    case .string(let s): JSONValue.appendString(s, to: &text)
                    }
                }
                text += " }, \"geometry\": "
                guard geometry(parcels[i].sourceWKB, into: &text) else { throw GeometryLeftToOGR() }
                text += " }"
            }
        }
        guard let features else { return nil }
        var head = "{\n\"type\": \"FeatureCollection\",\n\"name\": \"parcels\",\n\"description\": "
        JSONValue.appendString(report.layerDescription, to: &head)
        head += ",\n\"crs\": { \"type\": \"name\", \"properties\": { \"name\": \"\(crsName)\" } },\n\"features\": [\n"
        return head + features + "\n]\n}\n"
    }

    /// Thrown out of the parallel writing when a parcel's geometry is not one Verdant writes: `text` then returns
    /// nil and OGR writes the file.
    struct GeometryLeftToOGR: Error {}

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
