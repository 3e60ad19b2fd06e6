import Foundation
import GDALKit

/// Training points of a classifier, each with its class, in the analysis grid's CRS: a point layer (any vector
/// GDAL reads, any CRS) or a CSV with columns `x`, `y` (in the raster's CRS) or `lon`, `lat` (EPSG:4326), unless
/// a CRS is given for them. Each point samples the one cell that contains it.
struct TrainingPoints {
    /// The file.
    var path: String
    /// Each point's id: the id field's value, the feature id, or `line N` of a CSV.
    var ids: [String]
    /// Each point's class.
    var classes: [String]
    /// Each point in the grid's CRS.
    var points: [(x: Double, y: Double)]

    /// True when `source` is a CSV, or a vector layer whose first feature is a point.
    static func isPoints(_ source: ParcelSource) -> Bool {
        if source.path.lowercased().hasSuffix(".csv") { return true }
        struct Stop: Error {}
        var point = false
        guard let ds = try? VectorDataset.open(RemotePath.gdalPath(source.path)),
            let layer = try? source.layer.map({ try ds.layer(named: $0) }) ?? ds.layer(at: 0)
        else { return false }
        try? layer.forEachFeature { f in
            point = f.geometry()?.point != nil
            throw Stop()
        }
        return point
    }

    /// Reads the points of `source` with their class from `classField`, reprojected onto `grid`'s CRS from their
    /// own (a layer's, or `crs` for a layer without one and for a CSV). Throws naming the file and the point for
    /// a point without a class or coordinates, and naming the file for a CSV without coordinate columns.
    static func read(
        _ source: ParcelSource, classField: String, crs: String?, grid: RasterGrid
    ) throws -> TrainingPoints {
        let target = try SpatialReference(userInput: grid.crsWKT)
        var out = TrainingPoints(path: source.path, ids: [], classes: [], points: [])
        func add(_ id: String, _ cls: String, _ p: (x: Double, y: Double), _ t: CoordinateTransformation?) throws {
            guard !cls.isEmpty else {
                throw VerdantError.input(file: source.path, problem: "point \(id) has no class in '\(classField)'")
            }
            out.ids.append(id)
            out.classes.append(cls)
            out.points.append(try t?.transform(x: p.x, y: p.y) ?? p)
        }
        if source.path.lowercased().hasSuffix(".csv") {
            let table = try CSVTable(path: source.path)
            let field = try table.column(classField, file: source.path, option: .trainingClassField)
            func column(_ name: String) -> Int? { table.header.firstIndex { $0.lowercased() == name } }
            let lonLat = column("x") == nil || column("y") == nil
            guard let x = column(lonLat ? "lon" : "x"), let y = column(lonLat ? "lat" : "y") else {
                throw VerdantError.input(
                    file: source.path,
                    problem:
                        "has no coordinate columns: give x and y, or lon and lat (columns: \(table.header.joined(separator: ", ")))"
                )
            }
            let idColumn = column((source.idField ?? "id").lowercased())
            let from = try (crs ?? (lonLat ? "EPSG:4326" : nil)).map { try SpatialReference(userInput: $0) }
            let t = try from.map { try CoordinateTransformation(from: $0, to: target) }
            for (k, row) in table.rows.enumerated() {
                let id = idColumn.map { row[$0].trimmingCharacters(in: .whitespaces) } ?? "line \(k + 2)"
                guard let px = Double(row[x].trimmingCharacters(in: .whitespaces)),
                    let py = Double(row[y].trimmingCharacters(in: .whitespaces)), px.isFinite, py.isFinite
                else {
                    throw VerdantError.input(
                        file: source.path,
                        problem: "point \(id): \(table.header[x]), \(table.header[y]) are not numbers")
                }
                try add(id, row[field].trimmingCharacters(in: .whitespaces), (px, py), t)
            }
            return out
        }
        let ds: VectorDataset
        do { ds = try VectorDataset.open(RemotePath.gdalPath(source.path)) } catch {
            throw VerdantError.input(file: source.path, problem: "is not a vector file GDAL can open (\(error))")
        }
        let layer = try source.layer.map { try ds.layer(named: $0) } ?? ds.layer(at: 0)
        let fields = layer.fields.map { $0.name.lowercased() }
        guard let field = fields.firstIndex(of: classField.lowercased()) else {
            throw VerdantError.input(
                file: source.path,
                problem:
                    "has no field '\(classField)' for \(param: .trainingClassField) (fields: \(layer.fields.map(\.name).joined(separator: ", ")))"
            )
        }
        let idField = source.idField.flatMap { fields.firstIndex(of: $0.lowercased()) }
        guard let from = try layer.spatialReference ?? crs.map({ try SpatialReference(userInput: $0) }) else {
            throw VerdantError.input(
                file: source.path, problem: "has no CRS: give the points' CRS with \(param: .trainingCRS)")
        }
        let t = try CoordinateTransformation(from: from, to: target)
        try layer.forEachFeature { f in
            let id = idField.map { f.value(at: $0).description } ?? f.fid.map(String.init) ?? "?"
            guard let p = f.geometry()?.point else {
                throw VerdantError.input(file: source.path, problem: "point \(id) is not a point")
            }
            let v = f.value(at: field)
            try add(id, v == .null ? "" : v.description.trimmingCharacters(in: .whitespaces), p, t)
        }
        return out
    }
}
