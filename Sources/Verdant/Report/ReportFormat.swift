/// The output formats of `verdant estimate`, chosen by the extension of `--out`.
public enum ReportFormat: String, Hashable, Sendable, CaseIterable {
    /// Comma-separated values, one row per parcel (`--out -` prints it).
    case csv
    /// One JSON document: parcels, totals and run metadata.
    case json
    /// GeoJSON: parcel geometry in the parcels' own CRS plus the columns.
    case geojson
    /// GeoPackage: the same as a layer `parcels`.
    case gpkg

    /// The format for `path`'s extension; throws for an unknown one.
    public init(path: String) throws {
        if path == "-" { self = .csv; return }
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard path.contains("."), let format = ReportFormat(rawValue: ext) else {
            throw VerdantError.invalidParameter(
                .out,
                problem:
                    "\(path): the extension must be one of .csv, .json, .geojson, .gpkg (or - for CSV on standard output)"
            )
        }
        self = format
    }
}
