import GDALKit

/// The training samples of a classifier: every observed cell whose centre lies inside a training polygon, or the
/// cell containing each training point, with the polygon's (point's) class and the polygon (point) as its group
/// (for cross-validation folds of whole polygons; each point is its own group).
public struct TrainingSamples: Hashable, Sendable {
    /// Features of the samples, row by row.
    public var features: FeatureMatrix
    /// Class of each sample (index into `classNames`).
    public var labels: [Int]
    /// Polygon (or point) of each sample (index into `polygonIDs`).
    public var groups: [Int]
    /// The classes, sorted.
    public var classNames: [String]
    /// The polygons' (points') ids (feature ids or the id field's values; `line N` of a CSV without an id).
    public var polygonIDs: [String]
    /// Each polygon's (point's) class.
    public var polygonClasses: [Int]

    /// Reads the polygons of `source` (any CRS, reprojected as parcels are), takes the class of each from
    /// `classField`, finds the cells of the stack's grid whose centre lies inside each, and reads their features
    /// where the cell takes part (see `FeatureStack`: observed under masks and nodata on enough dates, every
    /// feature finite). Throws naming the file for a missing class field, a polygon without a class, or a polygon
    /// with no such cell. A point layer or a CSV of points (`TrainingPoints`, `pointCRS` their CRS when they
    /// have none) gives one sample per point, the cell containing it; throws naming the point for a point
    /// outside the raster or on a cell that does not take part, and for a class with fewer than 2 points.
    static func read(
        _ source: ParcelSource, classField: String, stack: FeatureStack, execution: ExecutionOptions,
        pointCRS: String? = nil
    ) throws -> TrainingSamples {
        let grid = stack.grid
        let plan = try TilePlan(
            width: grid.width, height: grid.height, blockWidth: stack.dates[0].blockWidth,
            blockHeight: stack.dates[0].blockHeight, requested: execution.tileSize)
        let groups =
            TrainingPoints.isPoints(source)
            ? try pointGroups(source, classField: classField, crs: pointCRS, grid: grid)
            : try polygonGroups(source, classField: classField, grid: grid, execution: execution)
        let names = groups.classes
        let classNames = Array(Set(names)).sorted()
        guard classNames.count >= 2 else {
            throw VerdantError.input(
                file: groups.path,
                problem:
                    "has \(classNames.count) class\(classNames.count == 1 ? " ('\(classNames[0])')" : "es") in '\(classField)': a classifier needs at least 2"
            )
        }
        if groups.arePoints {
            for cls in classNames where names.count(where: { $0 == cls }) < 2 {
                let k = names.firstIndex(of: cls)!
                throw VerdantError.input(
                    file: groups.path,
                    problem:
                        "point \(groups.ids[k]) is the only point of class '\(cls)': a class needs at least 2 points (each point is its own cross-validation group)"
                )
            }
        }
        let polygonClasses = names.map { classNames.firstIndex(of: $0)! }
        var byTile: [Int: [(cell: Int, polygon: Int)]] = [:]
        for s in groups.cells {
            let r = s.cell / grid.width, c = s.cell % grid.width
            let tile = (r / plan.tiles.tileHeight) * plan.tiles.tilesAcross + c / plan.tiles.tileWidth
            byTile[tile, default: []].append(s)
        }
        let tiles = byTile.keys.sorted()
        let width = grid.width, cellsByTile = byTile
        let partials = try TileExecutor.run(
            tiles: plan.tiles, selection: tiles, threads: execution.threads,
            makeWorker: { try TrainingWorker(stack: stack) },
            process: { worker, tile, window in
                try worker.read(window: window, cells: cellsByTile[tile]!, gridWidth: width)
            })
        // Samples in polygon order, then cell order: the same for any thread count.
        var all: [(polygon: Int, cell: Int, values: ArraySlice<Float>)] = []
        let f = stack.features.count
        for p in partials {
            for (k, s) in p.samples.enumerated() {
                all.append((s.polygon, s.cell, p.values[(k * f)..<((k + 1) * f)]))
            }
        }
        all.sort { ($0.polygon, $0.cell) < ($1.polygon, $1.cell) }
        let observed = Set(all.map(\.polygon))
        let dates = stack.dates.count
        let enough: ErrorText =
            dates == 1 ? "" : " on at least \(stack.requiredDates) of the \(dates) dates (\(param: .minObserved))"
        if let k = groups.ids.indices.first(where: { !observed.contains($0) }) {
            if groups.arePoints {
                let cell = groups.cells.first { $0.polygon == k }!.cell
                throw VerdantError.input(
                    file: groups.path,
                    problem:
                        "point \(groups.ids[k]) (class \(names[k])) lies on a cell that is not observed\(enough) or whose features are missing (row \(cell / width), column \(cell % width)): under clouds or no data"
                )
            }
            throw VerdantError.parcel(
                file: groups.path, parcel: groups.ids[k],
                problem:
                    "(class \(names[k])) has no observed cell\(enough) whose centre lies inside it: it is outside the raster, under clouds or no data, or smaller than a cell (\(grid.crsName))"
            )
        }
        var values: [Float] = []
        values.reserveCapacity(all.count * f)
        for s in all { values += s.values }
        return TrainingSamples(
            features: FeatureMatrix(values: values, features: f)!,
            labels: all.map { polygonClasses[$0.polygon] }, groups: all.map(\.polygon), classNames: classNames,
            polygonIDs: groups.ids, polygonClasses: polygonClasses)
    }

    /// The groups of training samples: polygons or points, their ids and classes, and the grid cells of each.
    private struct Groups {
        var path: String
        var arePoints: Bool
        var ids: [String]
        var classes: [String]
        var cells: [(cell: Int, polygon: Int)]
    }

    /// The cells whose centre lies inside each polygon (a cell in two polygons goes to the first).
    private static func polygonGroups(
        _ source: ParcelSource, classField: String, grid: RasterGrid, execution: ExecutionOptions
    ) throws -> Groups {
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
        var cells: [(cell: Int, polygon: Int)] = []
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
                    cells.append((cell, k))
                }
            }
        }
        return Groups(
            path: layer.path, arePoints: false, ids: layer.parcels.map(\.id), classes: names, cells: cells)
    }

    /// The cell containing each point; throws naming the point for one outside the grid.
    private static func pointGroups(
        _ source: ParcelSource, classField: String, crs: String?, grid: RasterGrid
    ) throws -> Groups {
        let points = try TrainingPoints.read(source, classField: classField, crs: crs, grid: grid)
        let gt = grid.geoTransform
        var cells: [(cell: Int, polygon: Int)] = []
        for (k, p) in points.points.enumerated() {
            let c = ((p.x - gt.originX) / gt.cellWidth).rounded(.down)
            let r = ((gt.originY - p.y) / gt.cellHeight).rounded(.down)
            guard c >= 0, r >= 0, c < Double(grid.width), r < Double(grid.height) else {
                throw VerdantError.input(
                    file: points.path,
                    problem:
                        "point \(points.ids[k]) (class \(points.classes[k])) lies outside the raster (at \(p.x), \(p.y) in \(grid.crsName))"
                )
            }
            cells.append((Int(r) * grid.width + Int(c), k))
        }
        return Groups(path: points.path, arePoints: true, ids: points.ids, classes: points.classes, cells: cells)
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

/// One worker reading training cells: its tile of features.
final class TrainingWorker {
    let tile: FeatureTile

    init(stack: FeatureStack) throws { tile = try FeatureTile(stack) }

    /// The features of the ones of `cells` (grid cell numbers) in `window` that take part.
    func read(
        window: Window, cells list: [(cell: Int, polygon: Int)], gridWidth: Int
    ) throws -> (samples: [(cell: Int, polygon: Int)], values: [Float]) {
        try tile.read(window)
        var samples: [(cell: Int, polygon: Int)] = [], values: [Float] = []
        for s in list {
            let i = (s.cell / gridWidth - window.rowOffset) * window.width + (s.cell % gridWidth - window.columnOffset)
            if tile.append(cell: i, into: &values) { samples.append(s) }
        }
        return (samples, values)
    }
}
