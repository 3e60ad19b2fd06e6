import Foundation
import GDALKit

/// Writes the per-parcel table as CSV (RFC 4180 quoting, `.` decimals, every digit needed to read a number back
/// exactly, empty for no value).
public enum CSVReport {
    /// The CSV text of `report` (rows formatted on all cores, in chunks joined in order).
    public static func text(_ report: EstimateReport) -> String {
        let index = report.metadata.model.index.name
        let header = ReportColumns.all(
            attributes: report.attributeFields.map(\.name), index: index, classes: report.classColumns
        ).map(quote).joined(
            separator: ",")
        let rows = report.rows, attributeIndices = report.attributeIndices, classes = report.classColumns
        let body =
            (try? ParallelMap.text(
                count: rows.count, chunk: 2048, threads: ProcessInfo.processInfo.activeProcessorCount
            ) { range, text in
                text.reserveCapacity(range.count * 256)
                for row in rows[range] {
                    line(row, attributeIndices: attributeIndices, index: index, classes: classes, into: &text)
                }
            }) ?? ""
        return header + "\n" + body
    }

    /// The column types of the CSV as a `.csvt` sidecar (GDAL's CSV driver and QGIS read it beside `FILE.csv` as
    /// `FILE.csvt`): the types the GeoPackage and GeoJSON tables have (`Real` also for an empty column,
    /// `Integer(Boolean)` for `low_observed`, whose `true`/`false` GDAL reads as a boolean).
    public static func csvt(_ report: EstimateReport) -> String {
        csvt(
            fields: ReportColumns.fields(
                attributes: report.attributeFields, index: report.metadata.model.index.name,
                classes: report.classColumns))
    }

    /// The `.csvt` line of columns of `fields`' types (`Integer(Boolean)`, `Integer64`, `Real`, `String`).
    static func csvt(fields: [FieldDefinition]) -> String {
        fields.map { f -> String in
            switch (f.type, f.subtype) {
            case (.integer, .boolean): "\"Integer(Boolean)\""
            case (.integer, _): "\"Integer64\""
            case (.real, _): "\"Real\""
            case (.string, _): "\"String\""
            }
        }.joined(separator: ",") + "\n"
    }

    /// The path of the `.csvt` beside a CSV (the same name with the `.csvt` extension, where GDAL looks for it).
    public static func csvtPath(beside csv: String) -> String {
        (csv as NSString).deletingPathExtension + ".csvt"
    }

    /// Appends one parcel's line (with its line break) to `text`.
    static func line(
        _ row: ParcelFigures, attributeIndices: [Int], index: String, classes: [ClassColumn] = [],
        into text: inout String
    ) {
        text += quote(row.parcelID)
        for i in attributeIndices {
            text += ","
            text += quote(row.attributes[i].description)
        }
        for value in ReportColumns.values(row, index: index, classes: classes) {
            text += ","
            switch value {
            case .number(let v): if let v, v.isFinite { text += "\(v)" }
            case .flag(let b): text += b ? "true" : "false"
            case .text(let t): text += quote(t)
            }
        }
        text += ","
        text += quote(row.notes.joined(separator: "; "))
        text += "\n"
    }

    /// Quotes a field when it holds a comma, quote or line break.
    static func quote(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}

import Foundation
