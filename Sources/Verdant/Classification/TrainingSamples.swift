import GDALKit

/// The training samples of a classifier: every observed cell whose centre lies inside a training polygon, with the
/// polygon's class and the polygon as its group (for cross-validation folds of whole polygons).
public struct TrainingSamples: Hashable, Sendable {
    /// Features of the samples, row by row.
    public var features: FeatureMatrix
    /// Class of each sample (index into `classNames`).
    public var labels: [Int]
    /// Polygon of each sample (index into `polygonIDs`).
    public var groups: [Int]
    /// The classes, sorted.
    public var classNames: [String]
    /// The polygons' ids (feature ids or the id field's values).
    public var polygonIDs: [String]
    /// Each polygon's class.
    public var polygonClasses: [Int]

    /// Reads the polygons of `source` (any CRS, reprojected as parcels are), takes the class of each from
    /// `classField`, finds the cells of `inputs`' grid whose centre lies inside each, and reads their features
    /// where the cell is observed under `rules` (masks, nodata) and every feature is finite. Throws naming the
    /// file for a missing class field, a polygon without a class, or a polygon with no observed cell.
    static func read(
        _ source: ParcelSource, classField: String, inputs: ResolvedInputs, rules: CellRules,
        extractor: FeatureExtractor, execution: ExecutionOptions
    ) throws -> TrainingSamples {
        let grid = inputs.grid
        let layer = try ParcelLoader.load(source, onto: grid, limits: execution.vertexLimits)
        guard
            let field = layer.fields.firstIndex(where: { $0.name == classField })
                ?? layer.fields.firstIndex(where: { $0.name.lowercased() == classField.lowercased() })
        else {
            throw VerdantError.input(
                file: layer.path,
                problem:
                    "has no field '\(classField)' for \(param: .trainingClassField) (fields: \(layer.fields.map(\.name).joined(separator: ", ")))"
            )
        }
        var names: [String] = []
        for p in layer.parcels {
            let v = p.attributes[field].description.trimmingCharacters(in: .whitespaces)
            guard p.attributes[field] != .null, !v.isEmpty else {
                throw VerdantError.parcel(file: layer.path, parcel: p.id, problem: "has no class in '\(classField)'")
            }
            names.append(v)
        }
        let classNames = Array(Set(names)).sorted()
        guard classNames.count >= 2 else {
            throw VerdantError.input(
                file: layer.path,
                problem:
                    "has \(classNames.count) class\(classNames.count == 1 ? " ('\(classNames[0])')" : "es") in '\(classField)': a classifier needs at least 2"
            )
        }
        let polygonClasses = names.map { classNames.firstIndex(of: $0)! }
        let plan = try TilePlan(
            width: grid.width, height: grid.height, blockWidth: inputs.blockWidth, blockHeight: inputs.blockHeight,
            requested: execution.tileSize)
        // The cells whose centre lies inside each polygon, by tile (a cell in two polygons goes to the first).
        var byTile: [Int: [(cell: Int, polygon: Int)]] = [:]
        var taken = Set<Int>()
        let gt = grid.geoTransform
        for (k, parcel) in layer.parcels.enumerated() {
            guard let box = parcel.geometry.boundingBox else { continue }
            let c0 = max(0, Int(((box.minX - gt.originX) / gt.cellWidth).rounded(.down)))
            let c1 = min(grid.width - 1, Int(((box.maxX - gt.originX) / gt.cellWidth).rounded(.down)))
            let r0 = max(0, Int(((gt.originY - box.maxY) / gt.cellHeight).rounded(.down)))
            let r1 = min(grid.height - 1, Int(((gt.originY - box.minY) / gt.cellHeight).rounded(.down)))
            guard c0 <= c1, r0 <= r1 else { continue }
            for r in r0...r1 {
                for c in c0...c1 {
                    let p = gt.apply(column: Double(c) + 0.5, row: Double(r) + 0.5)
                    guard parcel.geometry.contains(x: p.x, y: p.y) else { continue }
                    let cell = r * grid.width + c
                    guard taken.insert(cell).inserted else { continue }
                    let tile = (r / plan.tiles.tileHeight) * plan.tiles.tilesAcross + c / plan.tiles.tileWidth
                    byTile[tile, default: []].append((cell, k))
                }
            }
        }
        let tiles = byTile.keys.sorted()
        let width = grid.width, cellsByTile = byTile
        let partials = try TileExecutor.run(
            tiles: plan.tiles, selection: tiles, threads: execution.threads,
            makeWorker: { try TrainingWorker(inputs: inputs) },
            process: { worker, tile, window in
                try worker.read(
                    window: window, cells: cellsByTile[tile]!, gridWidth: width, rules: rules, extractor: extractor)
            })
        // Samples in polygon order, then cell order: the same for any thread count.
        var all: [(polygon: Int, cell: Int, values: ArraySlice<Float>)] = []
        for p in partials {
            let f = extractor.features.count
            for (k, s) in p.samples.enumerated() {
                all.append((s.polygon, s.cell, p.values[(k * f)..<((k + 1) * f)]))
            }
        }
        all.sort { ($0.polygon, $0.cell) < ($1.polygon, $1.cell) }
        let observed = Set(all.map(\.polygon))
        if let k = layer.parcels.indices.first(where: { !observed.contains($0) }) {
            throw VerdantError.parcel(
                file: layer.path, parcel: layer.parcels[k].id,
                problem:
                    "(class \(names[k])) has no observed cell whose centre lies inside it: it is outside the raster, under clouds or no data, or smaller than a cell (\(grid.crsName))"
            )
        }
        var values: [Float] = []
        values.reserveCapacity(all.count * extractor.features.count)
        for s in all { values += s.values }
        return TrainingSamples(
            features: FeatureMatrix(values: values, features: extractor.features.count)!,
            labels: all.map { polygonClasses[$0.polygon] }, groups: all.map(\.polygon), classNames: classNames,
            polygonIDs: layer.parcels.map(\.id), polygonClasses: polygonClasses)
    }
}

extension TrainingSamples {
    /// Throws naming `file` and the polygon when a class has fewer than 2 polygons with samples: folds of whole
    /// polygons need at least 2 per class (one to train on while the other is tested).
    func checkPolygonsPerClass(folds: Int, file: String) throws {
        var polygonsOfClass = [Set<Int>](repeating: [], count: classNames.count)
        for (i, g) in groups.enumerated() { polygonsOfClass[labels[i]].insert(g) }
        for (k, polygons) in polygonsOfClass.enumerated() where polygons.count < 2 {
            let only = polygons.first.map { " (polygon \(polygonIDs[$0]))" } ?? ""
            throw VerdantError.input(
                file: file,
                problem:
                    "class '\(classNames[k])' has \(polygons.count) polygon\(only); cross-validation with \(param: .folds) \(folds) needs at least 2 polygons per class (add polygons, or give \(param: .folds) 0)"
            )
        }
    }
}

/// One worker reading training cells: its reader and cells.
final class TrainingWorker {
    let reader: TileReader
    let cells = TileCells()

    init(inputs: ResolvedInputs) throws { reader = try TileReader(inputs: inputs) }

    /// The features of the observed ones of `cells` (grid cell numbers) in `window`.
    func read(
        window: Window, cells list: [(cell: Int, polygon: Int)], gridWidth: Int, rules: CellRules,
        extractor: FeatureExtractor
    ) throws -> (samples: [(cell: Int, polygon: Int)], values: [Float]) {
        try reader.read(window)
        try cells.compute(reader, count: window.cellCount, rules: rules)
        var samples: [(cell: Int, polygon: Int)] = [], values: [Float] = []
        for s in list {
            let i = (s.cell / gridWidth - window.rowOffset) * window.width + (s.cell % gridWidth - window.columnOffset)
            guard cells.status[i] == CellStatus.observed.rawValue else { continue }
            if extractor.append(cell: i, reader: reader, into: &values) { samples.append(s) }
        }
        return (samples, values)
    }
}
