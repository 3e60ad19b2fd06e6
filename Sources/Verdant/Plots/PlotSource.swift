import Foundation
import GDALKit

/// Field plots with measured AGB: a CSV of centres and radii (`plot_id, lon, lat, radius_m, agb_t_ha`, names
/// overridable, optional date column) or polygons in any vector GDAL reads with an AGB attribute.
public struct PlotSource: Hashable, Sendable {
    /// The file.
    public var path: String
    /// Column (or attribute) names.
    public var idColumn = "plot_id"
    /// Longitude column (CSV).
    public var lonColumn = "lon"
    /// Latitude column (CSV).
    public var latColumn = "lat"
    /// Radius column in metres (CSV).
    public var radiusColumn = "radius_m"
    /// Measured AGB column, t/ha.
    public var agbColumn = "agb_t_ha"
    /// Optional measurement date column (ISO dates), for the model's date range.
    public var dateColumn: String? = "date"

    /// Plots from `path`.
    public init(path: String) { self.path = path }

    /// The plots as parcels written to a GeoJSON (`/vsimem/…`) in EPSG:4326 or the vector's own CRS, with their
    /// measured AGB, mean plot area (ha) and date range.
    func parcels(
        into folder: String
    ) throws -> (path: String, idField: String, agb: [String: Double], plotAreaHa: Double, dates: [String]) {
        if path.lowercased().hasSuffix(".csv") { return try csvParcels(into: folder) }
        return try vectorParcels()
    }

    private func csvParcels(
        into folder: String
    ) throws -> (path: String, idField: String, agb: [String: Double], plotAreaHa: Double, dates: [String]) {
        let table = try CSVTable(path: path)
        let id = try table.column(idColumn, file: path, option: .idColumn)
        let lon = try table.column(lonColumn, file: path, option: .lonColumn)
        let lat = try table.column(latColumn, file: path, option: .latColumn)
        let radius = try table.column(radiusColumn, file: path, option: .radiusColumn)
        let agbIndex = try table.column(agbColumn, file: path, option: .agbColumn)
        let date = dateColumn.flatMap { table.header.firstIndex(of: $0) }
        var features: [String] = [], agb: [String: Double] = [:], areas: [Double] = [], dates: [String] = []
        for (k, row) in table.rows.enumerated() {
            let line = k + 2
            let pid = row[id].trimmingCharacters(in: .whitespaces)
            guard !pid.isEmpty else { throw VerdantError.input(file: path, problem: "line \(line): empty \(idColumn)") }
            guard agb[pid] == nil else {
                throw VerdantError.input(file: path, problem: "line \(line): plot '\(pid)' appears twice")
            }
            guard let x = Double(row[lon]), let y = Double(row[lat]), (-180...180).contains(x), (-90...90).contains(y)
            else {
                throw VerdantError.input(
                    file: path,
                    problem: "line \(line): \(lonColumn)/\(latColumn) are not a longitude and latitude in degrees")
            }
            guard let r = Double(row[radius]), r.isFinite, r > 0 else {
                throw VerdantError.input(
                    file: path, problem: "line \(line): \(radiusColumn) must be a positive number of metres")
            }
            guard let v = Double(row[agbIndex]), v.isFinite, v >= 0 else {
                throw VerdantError.input(file: path, problem: "line \(line): \(agbColumn) must be a number ≥ 0 (t/ha)")
            }
            agb[pid] = v
            areas.append(Double.pi * r * r / 10_000)
            if let date, !row[date].isEmpty { dates.append(row[date]) }
            // A 72-gon with the circle's area (radius scaled by √(2π / (72 sin(2π/72)))), on the WGS84 ellipsoid's
            // local radii of curvature.
            let rr = r * (2 * Double.pi / (72 * sin(2 * Double.pi / 72))).squareRoot()
            let a = 6_378_137.0, e2 = 0.0066943799901413165, phi = y * .pi / 180
            let w = (1 - e2 * sin(phi) * sin(phi)).squareRoot()
            let m = a * (1 - e2) / (w * w * w), n = a / w
            let ring = (0...72).map { i -> String in
                let t = Double(i % 72) / 72 * 2 * Double.pi
                let dLat = rr * sin(t) / m * 180 / .pi, dLon = rr * cos(t) / (n * cos(phi)) * 180 / .pi
                return "[\(x + dLon),\(y + dLat)]"
            }.joined(separator: ",")
            // The id as a JSON string (a quoted CSV field may hold line breaks, tabs, any control character).
            var quoted = ""
            JSONValue.appendString(pid, to: &quoted)
            features.append(
                "{\"type\":\"Feature\",\"properties\":{\"plot_id\":\(quoted)},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(ring)]]}}"
            )
        }
        let out = folder + "/plots.geojson"
        try MemoryFiles.write(
            "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}", to: out)
        return (out, "plot_id", agb, areas.isEmpty ? 0 : areas.reduce(0, +) / Double(areas.count), dates.sorted())
    }

    private func vectorParcels() throws -> (
        path: String, idField: String, agb: [String: Double], plotAreaHa: Double, dates: [String]
    ) {
        let dataset: VectorDataset
        do { dataset = try VectorDataset.open(RemotePath.gdalPath(path)) } catch {
            throw VerdantError.input(
                file: path, problem: "is neither a CSV of plots nor a vector GDAL can open (\(error))")
        }
        let layer = try dataset.layer(at: 0)
        let fields = layer.fields.map(\.name)
        guard let id = fields.firstIndex(of: idColumn) else {
            throw VerdantError.input(
                file: path,
                problem:
                    "has no field '\(idColumn)' (fields: \(fields.joined(separator: ", "))); name it with \(param: .idColumn)"
            )
        }
        guard let agbIndex = fields.firstIndex(of: agbColumn) else {
            throw VerdantError.input(
                file: path,
                problem:
                    "has no field '\(agbColumn)' (fields: \(fields.joined(separator: ", "))); name it with \(param: .agbColumn)"
            )
        }
        let date = dateColumn.flatMap { fields.firstIndex(of: $0) }
        var agb: [String: Double] = [:], dates: [String] = []
        var areas: [Double] = []
        for f in try layer.features() {
            let pid = f.value(at: id).description
            guard case let value = f.value(at: agbIndex), let v = Double(value.description), v >= 0 else {
                throw VerdantError.input(file: path, problem: "plot '\(pid)': \(agbColumn) must be a number ≥ 0 (t/ha)")
            }
            agb[pid] = v
            if let g = f.geometry() { areas.append(g.area) }
            if let date, case let d = f.value(at: date), d != .null { dates.append(d.description) }
        }
        let crs = layer.spatialReference
        let units = crs.map { $0.isGeographic ? 0 : $0.linearUnitsInMetres } ?? 0
        let plotArea =
            units > 0 && !areas.isEmpty ? areas.reduce(0, +) / Double(areas.count) * units * units / 10_000 : 0
        return (path, idColumn, agb, plotArea, dates.sorted())
    }
}
