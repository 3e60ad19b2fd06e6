/// Writes the per-parcel table as CSV (RFC 4180 quoting, `.` decimals, full precision, empty for no value).
public enum CSVReport {
    /// The CSV text of `report`.
    public static func text(_ report: EstimateReport) -> String {
        let index = report.metadata.model.index
        var lines = [ReportColumns.all(attributes: report.attributeFields.map(\.name), index: index).map(quote).joined(separator: ",")]
        for row in report.rows {
            var cells = [quote(row.parcelID)]
            cells += report.attributeIndices.map { quote(row.attributes[$0].description) }
            cells += ReportColumns.values(row, index: index).map { value in
                switch value {
                case .number(let v): v.map(number) ?? ""
                case .flag(let b): b ? "true" : "false"
                case .text(let t): quote(t)
                }
            }
            cells.append(quote(row.notes.joined(separator: "; ")))
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number with every digit needed to read it back exactly.
    static func number(_ v: Double) -> String { v.isFinite ? "\(v)" : "" }

    /// Quotes a field when it holds a comma, quote or line break.
    static func quote(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}

import Foundation
