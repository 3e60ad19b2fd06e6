import Foundation
import GDALKit

/// Writes a credits report: `.json` (everything: rows, total, both estimates' metadata, every factor, model,
/// parameter and input checksum) or `.csv` (one row per parcel); `-` prints CSV.
public enum CreditsReportWriter {
    /// CSV columns, in order.
    public static let columns = [
        "parcel_id", "parcel_ha", "co2e_t0", "co2e_t1", "project_change_co2e", "change_halfwidth90",
        "uncertainty_pct", "uncertainty_deduction", "baseline_co2e", "leakage_co2e", "buffer_co2e",
        "net_removals_co2e", "excluded", "notes"
    ]

    /// The CSV columns with their types: text id and notes, `excluded` a boolean, every other column Real.
    static var fields: [FieldDefinition] {
        columns.map { name in
            switch name {
            case "parcel_id", "notes": FieldDefinition(name: name, type: .string)
            case "excluded": .boolean(name)
            default: FieldDefinition(name: name, type: .real)
            }
        }
    }

    static func values(_ r: CreditFigures) -> [String] {
        func n(_ v: Double?) -> String { v.map { $0.isFinite ? "\($0)" : "" } ?? "" }
        return [
            CSVReport.quote(r.parcelID), n(r.parcelHa), n(r.co2eT0), n(r.co2eT1), n(r.projectChange),
            n(r.changeHalfWidth90),
            n(r.uncertaintyPct), n(r.projectDeduction), n(r.baselineChange), n(r.leakage), n(r.buffer),
            n(r.netRemovals),
            r.excluded ? "true" : "false", CSVReport.quote(r.notes.joined(separator: "; "))
        ]
    }

    /// The CSV text.
    public static func csv(_ report: CreditsReport) -> String {
        ([columns.joined(separator: ",")] + report.rows.map { values($0).joined(separator: ",") }).joined(
            separator: "\n") + "\n"
    }

    /// The JSON document.
    public static func json(_ report: CreditsReport) -> JSONValue {
        func row(_ r: CreditFigures) -> JSONValue {
            .object([
                "parcel_id": .string(r.parcelID), "parcel_ha": .number(r.parcelHa), "co2e_t0": .number(r.co2eT0),
                "co2e_t1": .number(r.co2eT1), "project_change_co2e": .number(r.projectChange),
                "change_halfwidth90": .number(r.changeHalfWidth90), "uncertainty_pct": .number(r.uncertaintyPct),
                "uncertainty_deduction": .number(r.projectDeduction), "baseline_co2e": .number(r.baselineChange),
                "leakage_co2e": .number(r.leakage), "buffer_co2e": .number(r.buffer),
                "net_removals_co2e": .number(r.netRemovals),
                "excluded": .bool(r.excluded), "notes": .array(r.notes.map { .string($0) })
            ])
        }
        let baseline: JSONValue
        switch report.request.baseline {
        case .perHectare(let v): baseline = .object(["kind": .string("given"), "co2e_per_ha": .number(v)])
        case .controlParcels(let f, let v):
            baseline = .object(["kind": .string("control parcels"), "field": .string(f), "value": .string(v)])
        }
        guard case .object(var t0) = JSONReport.value(report.t0), case .object(var t1) = JSONReport.value(report.t1)
        else {
            return .null
        }
        t0["parcels"] = nil
        t1["parcels"] = nil
        return OutputSchema.credits.stamped([
            "label": .string(CreditsReport.label),
            "disclaimer": .string(EstimateReport.disclaimer),
            "total": row(report.total),
            "parcels": .array(report.rows.map(row)),
            "parameters": .object([
                "baseline": baseline, "leakage_pct": .number(report.request.leakagePct),
                "buffer_pct": .number(report.request.bufferPct),
                "uncertainty_deduction": .string(
                    "CDM AR-TOOL14 / T-VER-P-TOOL-01-02: U = half-width of the 90 % CI / estimate; 0, 25, 50, 75, 100 % of the half-width for U ≤ 10, ≤ 15, ≤ 20, ≤ 30, > 30 %"
                ),
                "stocks": .string(
                    String(
                        naming:
                            "gap-filled: observed CO2e density × parcel area; parcels under \(param: .minObserved) at either date earn nothing"
                    )),
                "coverage_reused": .bool(report.coverageReused)
            ]),
            "t0": .object(t0),
            "t1": .object(t1),
            "checksums_sha256": .object(report.checksums.mapValues { .string($0) })
        ])
    }

    /// Writes the report to `path` (by extension), atomically; never over an input.
    public static func write(_ report: CreditsReport, to path: String, inputs: [String], overwrite: Bool = false) throws
    {
        if path == "-" {
            try StandardOutput.write(csv(report))
            return
        }
        let lower = path.lowercased()
        let output = try OutputPath(path, inputs: inputs, overwrite: overwrite)
        if lower.hasSuffix(".json") {
            try output.write(Data((try json(report).text() + "\n").utf8))
        } else if lower.hasSuffix(".csv") {
            try output.write(Data(csv(report).utf8))
            // The column types beside it (GDAL's and QGIS's `.csvt`): numbers Real, `excluded` a boolean.
            try output.sidecar(CSVReport.csvtPath(beside: path)).write(Data(CSVReport.csvt(fields: fields).utf8))
        } else {
            throw VerdantError.invalidParameter(
                .out, problem: "\(path): the extension must be .json or .csv (or - for CSV on standard output)")
        }
    }
}
