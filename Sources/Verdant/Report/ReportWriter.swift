import Foundation

/// Writes an estimate report in the format of its path's extension, atomically (temporary file, then rename).
public enum ReportWriter {
    /// Writes `report` to `path` (`-`: CSV to standard output). Never overwrites an input in `inputs`.
    public static func write(
        _ report: EstimateReport, to path: String, inputs: [String], overwrite: Bool = false
    ) throws {
        let format = try ReportFormat(path: path)
        if path == "-" {
            try StandardOutput.write(CSVReport.text(report))
            return
        }
        let output = try OutputPath(path, inputs: inputs, overwrite: overwrite)
        switch format {
        case .csv:
            // The column types beside it, so that OGR and QGIS type the columns as the other formats do.
            let types = try OutputPath(CSVReport.csvtPath(beside: path), inputs: inputs, overwrite: overwrite)
            try output.write(Data(CSVReport.text(report).utf8))
            try types.write(Data(CSVReport.csvt(report).utf8))
        case .json: try output.write(Data((try JSONReport.value(report).text() + "\n").utf8))
        case .geojson, .gpkg:
            // GeoJSON of polygons on an EPSG CRS is written by Verdant on all cores, anything else by OGR.
            if format == .geojson, let text = GeoJSONReport.text(report) {
                try output.write(Data(text.utf8))
                return
            }
            let tmp = output.temporarySibling(tag: "report", suffix: "." + format.rawValue)
            do {
                try VectorReport.write(report, to: tmp, format: format)
            } catch {
                output.discard(tmp)
                throw VerdantError.output(file: path, problem: "\(error)")
            }
            try output.commit(from: tmp)
        }
    }

    /// Checks `path` before a run, so that a bad output fails before any work.
    public static func check(_ path: String, inputs: [String], overwrite: Bool = false) throws {
        let format = try ReportFormat(path: path)
        if path != "-" { _ = try OutputPath(path, inputs: inputs, overwrite: overwrite) }
        if path != "-" && format == .csv {
            _ = try OutputPath(CSVReport.csvtPath(beside: path), inputs: inputs, overwrite: overwrite)
        }
    }
}
