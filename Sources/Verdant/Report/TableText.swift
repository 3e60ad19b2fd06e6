import Foundation
import GDALKit

/// A table of named columns as CSV text or JSON rows, with the per-parcel table's conventions: `.` decimals,
/// every digit needed to read a number back exactly, empty (CSV) or null (JSON) for no value, flags as
/// true/false.
enum TableText {
    /// CSV: the header, then one line per row (whole counts in `integers` without a decimal point).
    static func csv(columns: [String], rows: [[ReportColumns.Value]], integers: Set<String> = []) -> String {
        let whole = Set(columns.indices.filter { integers.contains(columns[$0]) })
        var text = columns.map(CSVReport.quote).joined(separator: ",") + "\n"
        text.reserveCapacity(rows.count * 160)
        for row in rows {
            for (k, value) in row.enumerated() {
                if k > 0 { text += "," }
                switch value {
                case .number(let v):
                    if let v, v.isFinite { text += whole.contains(k) ? "\(Int64(v))" : "\(v)" }
                case .flag(let b): text += b ? "true" : "false"
                case .text(let t): text += CSVReport.quote(t)
                }
            }
            text += "\n"
        }
        return text
    }

    /// JSON objects, one per row, keyed by column (whole counts as integers).
    static func json(columns: [String], rows: [[ReportColumns.Value]], integers: Set<String> = []) -> JSONValue {
        .array(
            rows.map { row in
                var o: [String: JSONValue] = [:]
                for (name, value) in zip(columns, row) {
                    switch value {
                    case .number(let v):
                        if integers.contains(name), let v { o[name] = .integer(Int64(v)) } else { o[name] = .number(v) }
                    case .flag(let b): o[name] = .bool(b)
                    case .text(let t): o[name] = t.isEmpty && name != "notes" ? .null : .string(t)
                    }
                }
                return .object(o)
            })
    }

    /// The values as attribute values of a vector layer (flags as 0/1, empty text as null except notes).
    static func fields(_ row: [ReportColumns.Value], columns: [String], integers: Set<String> = []) -> [FieldValue] {
        zip(columns, row).map { name, value in
            switch value {
            case .number(let v):
                v.map { integers.contains(name) ? FieldValue.integer(Int64($0)) : FieldValue.real($0) } ?? .null
            case .flag(let b): .integer(b ? 1 : 0)
            case .text(let t): t.isEmpty && name != "notes" ? .null : .string(t)
            }
        }
    }

    /// The field definitions of the columns: text, flags as booleans (0/1 integers), numbers as reals.
    static func definitions(
        columns: [String], sample: [ReportColumns.Value]?, integers: Set<String> = []
    )
        -> [FieldDefinition]
    {
        columns.enumerated().map { k, name in
            switch sample?[k] {
            case .text?: return FieldDefinition(name: name, type: .string)
            case .flag?: return .boolean(name)
            default: return FieldDefinition(name: name, type: integers.contains(name) ? .integer : .real)
            }
        }
    }
}
