import Foundation
import GDALKit

/// Writes `verdant series`' tables in the format of their extension: the long table (`--out`) as CSV, JSON (rows
/// with the dates and run facts) or GeoPackage (a `parcels` layer with geometry beside a `series` attribute
/// table), and the per-parcel table (`--summary-out`) as CSV, JSON or GeoPackage (a `parcels` layer with the
/// summary columns, to map alerts).
public enum SeriesWriter {
    /// The formats a series table can take.
    static let formats: Set<ReportFormat> = [.csv, .json, .gpkg]

    /// Throws unless `path` has an extension a series table can take.
    static func checkFormat(_ path: String, parameter: Parameter) throws -> ReportFormat {
        let format = try ReportFormat(path: path)
        guard formats.contains(format) else {
            throw VerdantError.invalidParameter(
                parameter, problem: "\(path): a series table is written as .csv, .json or .gpkg")
        }
        return format
    }

    static let integerColumns: Set<String> = ["dates", "observed_dates"]

    /// The long table's rows, sorted by parcel (layer order) then date.
    static func rows(_ report: SeriesReport) -> [[ReportColumns.Value]] {
        var out: [[ReportColumns.Value]] = []
        out.reserveCapacity(report.parcels.parcels.count * report.acquisitions.count)
        for p in report.parcels.parcels.indices {
            for (d, e) in report.estimates.enumerated() {
                out.append(
                    SeriesColumns.values(e.rows[p], date: report.acquisitions[d].date, hasModel: report.hasModel))
            }
        }
        return out
    }

    /// The long table as CSV text (what `--out -` prints).
    static func rowsCSV(_ report: SeriesReport) -> String {
        TableText.csv(columns: SeriesColumns.rows(index: report.index, hasModel: report.hasModel), rows: rows(report))
    }

    /// The per-parcel table as CSV text (what `--summary-out -` prints).
    static func summaryCSV(_ report: SeriesReport) -> String {
        TableText.csv(
            columns: SeriesColumns.summary(index: report.index, hasModel: report.hasModel),
            rows: report.trends.map { SeriesColumns.values($0, hasModel: report.hasModel) }, integers: integerColumns)
    }

    /// Writes the long table to `output`.
    public static func writeRows(_ report: SeriesReport, to output: OutputPath) throws {
        let columns = SeriesColumns.rows(index: report.index, hasModel: report.hasModel)
        let rows = rows(report)
        switch try checkFormat(output.path, parameter: .out) {
        case .json:
            var o = facts(report)
            o["rows"] = TableText.json(columns: columns, rows: rows)
            try output.write(Data((try OutputSchema.seriesRows.stamped(o).text() + "\n").utf8))
        case .gpkg:
            try writeGeoPackage(report, to: output, table: ("series", columns, rows), summary: nil)
        default:
            try output.write(Data(TableText.csv(columns: columns, rows: rows).utf8))
            try writeTypes(beside: output, TableText.definitions(columns: columns, sample: rows.first))
        }
    }

    /// Writes the per-parcel table to `output`.
    public static func writeSummary(_ report: SeriesReport, to output: OutputPath) throws {
        let columns = SeriesColumns.summary(index: report.index, hasModel: report.hasModel)
        let rows = report.trends.map { SeriesColumns.values($0, hasModel: report.hasModel) }
        switch try checkFormat(output.path, parameter: .summaryOut) {
        case .json:
            var o = facts(report)
            o["parcels"] = TableText.json(columns: columns, rows: rows, integers: integerColumns)
            try output.write(Data((try OutputSchema.seriesSummary.stamped(o).text() + "\n").utf8))
        case .gpkg:
            try writeGeoPackage(report, to: output, table: nil, summary: (columns, rows))
        default:
            try output.write(Data(TableText.csv(columns: columns, rows: rows, integers: integerColumns).utf8))
            try writeTypes(
                beside: output, TableText.definitions(columns: columns, sample: rows.first, integers: integerColumns))
        }
    }

    /// Writes the column types of a CSV output beside it (its `.csvt`, which GDAL and QGIS read).
    static func writeTypes(beside output: OutputPath, _ fields: [FieldDefinition]) throws {
        try output.sidecar(CSVReport.csvtPath(beside: output.path)).write(Data(CSVReport.csvt(fields: fields).utf8))
    }

    /// The run's facts for the JSON outputs: dates (with where each was given), index, model, thresholds, warnings.
    static func facts(_ report: SeriesReport) -> [String: JSONValue] {
        var o: [String: JSONValue] = [
            "index": .string(report.index.name),
            "dates": .array(
                report.acquisitions.map {
                    .object(["date": .string($0.date.text), "file": .string($0.file), "origin": .string($0.origin)])
                }),
            "warnings": .array(report.warnings.map { .string($0) }),
            "parcel_count": .integer(Int64(report.parcels.parcels.count)),
            "verdant_version": .string(VerdantVersion.verdant)
        ]
        if report.hasModel, let m = report.estimates.first?.metadata.model {
            o["model"] = .object(["expression": .string(m.expression), "source": .string(m.source)])
        }
        o["green_threshold"] = JSONValue.number(report.greenThreshold)
        if let b = report.baseline {
            o["baseline"] = .object(["from": .string(b.lowerBound.text), "to": .string(b.upperBound.text)])
        }
        return o
    }

    private static func writeGeoPackage(
        _ report: SeriesReport, to output: OutputPath, table: (String, [String], [[ReportColumns.Value]])?,
        summary: ([String], [[ReportColumns.Value]])?
    ) throws {
        let tmp = output.temporarySibling(tag: "series", suffix: ".gpkg")
        do {
            let layer = report.parcels
            let dataset = try VectorDataset.create(tmp, driverName: "GPKG")
            let crs = try SpatialReference(userInput: layer.crsWKT)
            let parcels = try dataset.createLayer(
                name: "parcels", spatialReference: crs, options: ["GEOMETRY_NAME=geometry"])
            let columns = summary?.0 ?? ["parcel_id"]
            let definitions = TableText.definitions(
                columns: columns, sample: summary?.1.first, integers: integerColumns)
            for d in definitions { try parcels.createField(d) }
            try GeoPackageStyle.write(
                into: dataset, layer: "parcels", geometryColumn: "geometry",
                qml: QGISStyle.parcels(idField: "parcel_id"))
            try dataset.inTransaction {
                for (i, parcel) in layer.parcels.enumerated() {
                    let values: [FieldValue] =
                        summary.map { TableText.fields($0.1[i], columns: $0.0, integers: integerColumns) }
                        ?? [FieldValue.string(parcel.id)]
                    let geometry = parcel.sourceWKB.isEmpty ? nil : try Geometry(wkb: parcel.sourceWKB).multiPolygon()
                    try parcels.addFeature(values: values, geometry: geometry)
                }
            }
            if let (name, columns, rows) = table {
                let attributes = try dataset.createLayer(
                    name: name, spatialReference: nil, options: [], attributesOnly: true)
                for d in TableText.definitions(columns: columns, sample: rows.first) { try attributes.createField(d) }
                try dataset.inTransaction {
                    for row in rows {
                        try attributes.addFeature(values: TableText.fields(row, columns: columns), geometry: nil)
                    }
                }
            }
            try dataset.close()
        } catch {
            output.discard(tmp)
            throw VerdantError.output(file: output.path, problem: "\(error)")
        }
        try output.commit(from: tmp)
    }
}
