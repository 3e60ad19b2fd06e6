import Foundation
import GDALKit

/// The probability sample behind rigorous area estimates (Olofsson et al. 2014): a stratified random sample of
/// the map's cells by map class, written as points for an analyst to label, and the labelled points read back as
/// the sample's confusion matrix.
enum ValidationSample {
    /// A cell of the sample: its grid cell number and map value (class k + 1).
    struct Unit: Hashable, Sendable {
        var cell: Int
        var value: Int
    }

    /// Draws a stratified random sample of `total` cells of the class map at `map` (values 1…classCount; 0 is not
    /// sampled): the allocation of `StratifiedAllocation` (each class at least `minimum`, the rest by mapped area),
    /// capped at each class's cell count; within a class, the cells with the smallest seeded keys (a uniform
    /// sample without replacement, the same for any tiling). Units in cell order.
    static func draw(
        map: String, grid: RasterGrid, classCount: Int, mappedHa: [Double], total: Int, minimum: Int, seed: UInt64,
        tiles: BlockWindows
    ) throws -> [Unit] {
        guard total >= 2 * classCount else {
            throw VerdantError.invalidParameter(
                .sampleSize, problem: "must be at least 2 per class, \(2 * classCount) for \(classCount) classes")
        }
        var allocation = try StratifiedAllocation.allocate(total: total, mappedAreas: mappedHa, minimum: minimum)
        let ds = try Dataset.open(map)
        let band = try ds.band(1)
        // Per class, the cells with the smallest keys so far (at most the allocation), and the cell counts.
        var kept = [[(key: UInt64, cell: Int)]](repeating: [], count: classCount)
        var counts = [Int](repeating: 0, count: classCount)
        for window in tiles {
            let values = try band.read(window: window, as: UInt16.self)
            for (i, v) in values.enumerated() where v > 0 && Int(v) <= classCount {
                let c = Int(v) - 1
                let cell = (window.rowOffset + i / window.width) * grid.width + window.columnOffset + i % window.width
                counts[c] += 1
                var g = SeededGenerator(seed: seed, stream: UInt64(cell))
                kept[c].append((g.next(), cell))
            }
            for c in 0..<classCount where kept[c].count > 4 * max(allocation[c], 1) + 1024 {
                kept[c].sort { $0.key < $1.key }
                kept[c].removeSubrange(allocation[c]...)
            }
        }
        var units: [Unit] = []
        for c in 0..<classCount {
            allocation[c] = min(allocation[c], counts[c])
            kept[c].sort { ($0.key, $0.cell) < ($1.key, $1.cell) }
            units += kept[c].prefix(allocation[c]).map { Unit(cell: $0.cell, value: c + 1) }
        }
        return units.sorted { $0.cell < $1.cell }
    }

    /// Writes the sample as a GeoPackage point layer `sample` in the grid's CRS, at the cells' centres: point_id,
    /// map_class, map_value, x, y, and an empty `reference` for the analyst's label.
    static func write(_ units: [Unit], grid: RasterGrid, classNames: [String], to output: OutputPath) throws {
        let tmp = output.temporarySibling(tag: "sample", suffix: ".gpkg")
        do {
            let ds = try VectorDataset.create(tmp, driverName: "GPKG")
            let layer = try ds.createLayer(
                name: "sample", spatialReference: try SpatialReference(userInput: grid.crsWKT),
                options: ["GEOMETRY_NAME=geometry"], points: true)
            for f in [
                FieldDefinition(name: "point_id", type: .integer), FieldDefinition(name: "map_class", type: .string),
                FieldDefinition(name: "map_value", type: .integer), FieldDefinition(name: "x", type: .real),
                FieldDefinition(name: "y", type: .real), FieldDefinition(name: "reference", type: .string)
            ] { try layer.createField(f) }
            try ds.inTransaction {
                for (k, u) in units.enumerated() {
                    let p = grid.geoTransform.apply(
                        column: Double(u.cell % grid.width) + 0.5, row: Double(u.cell / grid.width) + 0.5)
                    let values: [FieldValue] = [
                        .integer(Int64(k + 1)), .string(classNames[u.value - 1]), .integer(Int64(u.value)),
                        .real(p.x), .real(p.y), .string("")
                    ]
                    try layer.addFeature(values: values, geometry: Geometry(pointX: p.x, y: p.y))
                }
            }
            try ds.close()
        } catch {
            output.discard(tmp)
            throw VerdantError.output(file: output.path, problem: "\(error)")
        }
        try output.commit(from: tmp)
    }

    /// The confusion matrix (rows reference, columns map) of labelled points at `path` (any point layer, any CRS):
    /// each point's reference class from `referenceField`, its map class from the map's cell under it. Points on
    /// unobserved cells are left out (counted in the second value). Throws naming the file and the point for a
    /// class that is not one of the map's, a point off the grid, or a point without a label.
    static func confusion(
        _ path: String, referenceField: String, map: String, grid: RasterGrid, classNames: [String]
    ) throws -> (ConfusionMatrix, unobserved: Int) {
        let ds: VectorDataset
        do { ds = try VectorDataset.open(RemotePath.gdalPath(path)) } catch {
            throw VerdantError.input(file: path, problem: "is not a vector file GDAL can open (\(error))")
        }
        guard ds.layerCount >= 1 else { throw VerdantError.input(file: path, problem: "has no layer") }
        let layer = try ds.layer(at: 0)
        guard let field = layer.fields.firstIndex(where: { $0.name.lowercased() == referenceField.lowercased() })
        else {
            throw VerdantError.input(
                file: path,
                problem:
                    "has no field '\(referenceField)' for \(param: .referenceField) (fields: \(layer.fields.map(\.name).joined(separator: ", ")))"
            )
        }
        let target = try SpatialReference(userInput: grid.crsWKT)
        let transform = try layer.spatialReference.map { try CoordinateTransformation(from: $0, to: target) }
        let band = try Dataset.open(map).band(1)
        var matrix = ConfusionMatrix(classCount: classNames.count)
        var unobserved = 0
        let gt = grid.geoTransform
        try layer.forEachFeature { f in
            let id = f.fid.map(String.init) ?? "?"
            guard var p = f.geometry()?.point else {
                throw VerdantError.parcel(file: path, parcel: id, problem: "is not a point")
            }
            if let transform { p = try transform.transform(x: p.x, y: p.y) }
            let label = f.value(at: field).description.trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty, f.value(at: field) != .null else {
                throw VerdantError.parcel(
                    file: path, parcel: id, problem: "has no reference class in '\(referenceField)'")
            }
            guard let reference = classNames.firstIndex(where: { $0.lowercased() == label.lowercased() }) else {
                throw VerdantError.parcel(
                    file: path, parcel: id,
                    problem:
                        "reference class '\(label)' is not a class of the map (\(classNames.joined(separator: ", ")))")
            }
            let c = Int(((p.x - gt.originX) / gt.cellWidth).rounded(.down))
            let r = Int(((gt.originY - p.y) / gt.cellHeight).rounded(.down))
            guard c >= 0, r >= 0, c < grid.width, r < grid.height else {
                throw VerdantError.parcel(file: path, parcel: id, problem: "lies off the map's grid")
            }
            let v = Int(
                try band.read(window: try Window(columnOffset: c, rowOffset: r, width: 1, height: 1), as: UInt16.self)[
                    0])
            guard v > 0 else {
                unobserved += 1
                return
            }
            matrix.add(reference: reference, map: v - 1)
        }
        return (matrix, unobserved)
    }
}
