import Foundation
import GDALKit

/// Runs `verdant estimate`: exact per-parcel sums of observed area, NDVI, AGB, carbon and CO2e.
public enum EstimateJob {
    /// Reads the parcels and computes their coverage on the grid of the request's rasters, once; the result can
    /// be passed to `run(_:reusing:)` for every raster on that grid (another date, another index).
    public static func prepare(_ request: EstimateRequest) throws -> PreparedParcels {
        try request.execution.validate()
        let rules = try CellRules(model: request.model, masks: request.masks)
        let inputs = try ResolvedInputs.resolve(request.inputs, roles: rules.requiredRoles(for: request.inputs))
        try RunLimits.check(inputs, resolution: request.inputs.resolution, execution: request.execution)
        return try PreparedParcels(source: request.parcels, inputs: inputs, execution: request.execution)
    }

    /// Runs the request. The raster is read once, tile by tile, only where parcels lie. With `prepared` (from
    /// `prepare` on a raster of the same grid and tiles) the parcels are not read nor their coverage computed again.
    public static func run(
        _ request: EstimateRequest, reusing prepared: PreparedParcels? = nil
    ) throws -> EstimateReport {
        try run(request, reusing: prepared, onlyIfSameGrid: false).report
    }

    /// Runs the request, reusing `prepared` when the request's rasters are on its grid (and tiles) and preparing
    /// the parcels afresh otherwise (`onlyIfSameGrid`), or refusing another grid; also returns the parcels used.
    static func run(
        _ request: EstimateRequest, reusing prepared: PreparedParcels?,
        onlyIfSameGrid: Bool
    ) throws -> (report: EstimateReport, parcels: PreparedParcels, reused: Bool) {
        let pass = try tilePass(request, reusing: prepared, onlyIfSameGrid: onlyIfSameGrid, shard: nil)
        let parcels = pass.parcels
        var sums = [ParcelSums](repeating: ParcelSums(), count: parcels.layer.parcels.count)
        var signs = (positive: 0, negative: 0)
        for tile in pass.tiles {
            for (p, t) in tile.sums { sums[Int(p)].add(t) }
            signs.positive += tile.signs.positive
            signs.negative += tile.signs.negative
        }
        let report = try assemble(
            request, pass: pass.context, layer: parcels.layer, areas: parcels.areas,
            covered: parcels.coverage.parcels.map { $0.coveredCells > 0 }, sums: sums, signs: signs,
            picture: pass.picture?.picture(pass.tiles.compactMap(\.picture)))
        return (report, parcels, pass.reused)
    }

    /// What a tile pass read: the parcels, and each tile's sums by parcel, band-swap signs and picture sums.
    struct TilePass {
        /// The facts the figures are made with.
        var context: PassContext
        /// The parcels (for a shard, those it processed measured, the others placeholders).
        var parcels: PreparedParcels
        /// True when `parcels` were reused.
        var reused: Bool
        /// The picture's builder, when a picture is wanted.
        var picture: NDVIPicture.Builder?
        /// The tiles read, in tile order.
        var tiles: [TileSums]
    }

    /// One tile's part of a run: its index, every parcel's sums over it, the signs of its cells' vegetation,
    /// and its part of the scene's picture.
    struct TileSums: Sendable {
        /// The tile.
        var tile: Int
        /// Parcel index → its sums over the tile's cells, by parcel index.
        var sums: [(Int32, ParcelSums)]
        /// Cells whose red/NIR order looks right, or swapped (`BandSwapCheck`).
        var signs: (positive: Int, negative: Int)
        /// The tile's sums over the picture's cells.
        var picture: NDVIPicture.Sums?
    }

    /// What the figures of a run are made with, besides the parcels and their sums.
    struct PassContext {
        /// The rasters as resolved.
        var inputs: ResolvedInputs
        /// The cell rules.
        var rules: CellRules
        /// The roles read.
        var roles: [BandRole]
        /// The green threshold in force.
        var greenThreshold: Double?
        /// The grid's tiles.
        var plan: TilePlan
        /// How many tiles were read.
        var tilesRead: Int
        /// When the run began, and its phases so far.
        var started: Date
        var phases: [(String, Double)]
        var mark: Date
    }

    /// Reads the request's tiles (for `shard`, the shard's only, and only the parcels that can reach them).
    static func tilePass(
        _ request: EstimateRequest, reusing prepared: PreparedParcels?, onlyIfSameGrid: Bool, shard: Shard?
    ) throws -> TilePass {
        let started = Date()
        try request.execution.validate()
        try request.factors.validate()
        guard request.minObserved.isFinite, (0...1).contains(request.minObserved) else {
            throw VerdantError.invalidParameter(
                .minObserved, problem: "must be between 0 and 1 (got \(request.minObserved))")
        }
        guard request.uncertainty.draws >= 100 else {
            throw VerdantError.invalidParameter(
                .draws, problem: "must be at least 100 (got \(request.uncertainty.draws))")
        }
        let rules = try CellRules(model: request.model, masks: request.masks)
        let greenThreshold = try GreenCover.threshold(request.greenThreshold, for: rules.index)
        let roles = rules.requiredRoles(for: request.inputs)
        try request.inputs.require(roles, for: "the \(rules.index) index")
        let inputs = try ResolvedInputs.resolve(request.inputs, roles: roles)
        try RunLimits.check(inputs, resolution: request.inputs.resolution, execution: request.execution)
        var phases: [(String, Double)] = []
        var mark = Date()
        func phase(_ name: String) {
            let now = Date()
            phases.append((name, now.timeIntervalSince(mark)))
            mark = now
        }
        phase("inputs")
        GDAL.setCacheMax(bytes: request.execution.gdalCacheBytes)
        let parcels: PreparedParcels
        var reused = false
        let readAhead: TilePrefetch?
        if let prepared, try !onlyIfSameGrid || prepared.matches(inputs: inputs, execution: request.execution) {
            try prepared.check(source: request.parcels, inputs: inputs, execution: request.execution)
            parcels = prepared
            reused = true
            readAhead = nil
        } else {
            // Tiles are decoded ahead while the parcels' features are read (OGR reads on one thread); the rest of the
            // preparation keeps every core busy by itself.
            let plan = try TilePlan(
                width: inputs.grid.width, height: inputs.grid.height, blockWidth: inputs.blockWidth,
                blockHeight: inputs.blockHeight, requested: request.execution.tileSize)
            let shardPlan = shard.map { ShardPlan(shard: $0, plan: plan) }
            let prefetch = TilePrefetch(
                inputs: inputs, tiles: plan.tiles, only: shardPlan?.tiles,
                budgetBytes: request.execution.readAheadBytes)
            do {
                parcels = try PreparedParcels(
                    source: request.parcels, inputs: inputs, execution: request.execution,
                    featuresRead: { prefetch.finish() },
                    selection: shardPlan.map {
                        let band = $0.band(grid: inputs.grid)
                        return ParcelSelection(minY: band.minY, maxY: band.maxY)
                    })
            } catch {
                prefetch.stop()
                throw error
            }
            prefetch.stop()
            readAhead = prefetch
        }
        let grid = inputs.grid
        let layer = parcels.layer
        let coverage = parcels.coverage
        let plan = parcels.plan
        // No parcel on the grid at all fails before any tile is read (a shard may have none of its own).
        if shard == nil {
            _ = try outsideParcels(
                areas: parcels.areas, covered: coverage.parcels.map { $0.coveredCells > 0 }, layer: layer,
                inputs: inputs)
        }
        let threads = request.execution.threads
        let rowAreas = grid.rowCellAreas()
        let model = request.model
        // A picture of the scene needs every tile; the parcels' sums only the tiles under them.
        let picture = request.ndviPictureSize.map { NDVIPicture.Builder(grid: grid, maxSize: $0) }
        let hasNDVI = rules.hasNDVI(Set(inputs.roles))
        if picture != nil && !hasNDVI {
            try request.inputs.require([.red, .nir], for: "the NDVI picture")
        }
        var selection = picture == nil ? coverage.tilesWithParcels : Array(0..<plan.count)
        if let shard {
            let own = Set(ShardPlan(shard: shard, plan: plan).tiles)
            selection = selection.filter { own.contains($0) }
        }
        let histogramBinWidth: Double? =
            request.uncertainty.method == .monteCarlo && model.uncertainty != nil ? 0.001 : nil

        phase("parcels and coverage")
        let read = selection
        let partials = try TileExecutor.run(
            tiles: plan.tiles, selection: selection, threads: threads, progress: request.execution.progress,
            makeWorker: { try EstimateWorker(inputs: inputs) },
            process: { worker, tile, window in
                try worker.process(
                    tile: tile, window: window, decoded: readAhead?.take(tile), coverage: coverage,
                    rowAreas: rowAreas, rules: rules, histogramBinWidth: histogramBinWidth,
                    greenThreshold: greenThreshold, picture: picture)
            })
        let tiles = zip(read, partials).map {
            TileSums(tile: $0, sums: $1.sums, signs: $1.signs, picture: $1.picture)
        }
        let context = PassContext(
            inputs: inputs, rules: rules, roles: roles, greenThreshold: greenThreshold, plan: plan,
            tilesRead: selection.count, started: started, phases: phases, mark: mark)
        return TilePass(context: context, parcels: parcels, reused: reused, picture: picture, tiles: tiles)
    }

    /// The report of a run from every parcel's sums (added in tile order): figures, classes, totals, intervals,
    /// warnings and metadata. `covered` tells which parcels any cell of the grid covers.
    static func assemble(
        _ request: EstimateRequest, pass: PassContext, layer: ParcelLayer, areas: [Double], covered: [Bool],
        sums: [ParcelSums], signs: (positive: Int, negative: Int), picture ndviPicture: NDVIPicture?
    ) throws -> EstimateReport {
        let inputs = pass.inputs, rules = pass.rules, roles = pass.roles, greenThreshold = pass.greenThreshold
        let grid = inputs.grid, plan = pass.plan, started = pass.started, model = request.model
        let threads = request.execution.threads
        let hasNDVI = rules.hasNDVI(Set(inputs.roles))
        var phases = pass.phases, mark = pass.mark
        func phase(_ name: String) {
            let now = Date()
            phases.append((name, now.timeIntervalSince(mark)))
            mark = now
        }
        let outside = try outsideParcels(areas: areas, covered: covered, layer: layer, inputs: inputs)
        if request.factorsByClassBand {
            guard request.factorSet != nil, request.classField == nil, request.factorClass == nil else {
                throw VerdantError.usage(
                    "\(param: .factorsByClassBand) takes the classes of a factor set (\(param: .factors)) from the class band, instead of \(param: .classField) or \(param: .factorClass)"
                )
            }
            guard inputs.band(.landCover) != nil else {
                throw VerdantError.usage(
                    "\(param: .factorsByClassBand) needs a class band: give it with \(param: .classes) FILE (or \(param: .band) class=FILE)"
                )
            }
        }
        let chooser = try FactorChooser(request: request, layer: layer)
        let byClass = request.factorsByClassBand
        var rows = try layer.parcels.indices.map { i in
            try ParcelFigures(
                parcel: layer.parcels[i], areaM2: areas[i], sums: sums[i],
                applied: {
                    // Factors by class are applied below, from the class sums.
                    byClass ? AppliedFactors(request.factors) : try chooser.factors(for: layer.parcels[i], agbPerHa: $0)
                },
                hasNDVI: hasNDVI, minObserved: request.minObserved, greenThreshold: greenThreshold)
        }
        for i in outside { rows[i].notes.append(ParcelFigures.outsideNote) }
        var classColumns: [ClassColumn] = []
        if let band = inputs.band(.landCover) {
            let names = ClassColumn.names(of: band)
            var seen: Set<Int> = []
            for i in rows.indices {
                let areas = sums[i].classes?.hectares ?? [:]
                rows[i].classAreasHa = areas
                seen.formUnion(areas.keys)
            }
            classColumns = ClassColumn.columns(values: seen, names: names)
            if let given = request.greenClasses {
                // Green cover from the class map: the area of the green classes, and its share of the classified area.
                let green = try ClassColumn.values(of: given, names: names, file: band.source)
                for i in rows.indices {
                    let areas = rows[i].classAreasHa
                    let classified = areas.values.reduce(0, +)
                    let g = areas.filter { green.contains($0.key) }.values.reduce(0, +)
                    rows[i].greenHa = g
                    rows[i].greenFraction = classified > 0 ? g / classified : nil
                }
            }
            if request.factorsByClassBand, let set = request.factorSet {
                try ClassCarbon.apply(set: set, names: names, sums: sums, rows: &rows, band: band.source)
            }
        } else if request.greenClasses != nil {
            throw VerdantError.usage(
                "\(param: .greenClasses) needs a class band: give it with \(param: .classes) FILE (or \(param: .band) class=FILE)"
            )
        }
        phase("tiles")
        var totals = EstimateTotals(rows: rows, sums: sums)
        let propagated = rows.indices.map { i in
            UncertaintyPropagation.Parcel(
                id: rows[i].parcelID, observedArea: sums[i].observedArea, gradA: sums[i].gradA,
                gradB: sums[i].gradB, histogram: sums[i].histogram, agbT: rows[i].agbT,
                co2eT: rows[i].co2eT, factors: rows[i].factors)
        }
        if let intervals = try UncertaintyPropagation.intervals(
            model: model, parcels: propagated, options: request.uncertainty)
        {
            for i in rows.indices { rows[i].interval = intervals.parcels[i] }
            totals.interval = intervals.total
        }
        var warnings = request.inputs.warnings + layer.warnings
        if let w = model.warning { warnings.append(w) }
        if !outside.isEmpty {
            warnings.append(
                "\(outside.count) of \(layer.parcels.count) parcels lie wholly outside the raster (\(inputs.bands[0].source)): their rows are kept with no figures and the run is partial"
            )
        }
        if let w = BandSwapCheck.warning(signs) { warnings.append(w) }
        let (fields, indices) = attributeColumns(layer)
        let metadata = RunMetadata(
            bands: inputs.bands.map(BandRecord.init),
            width: grid.width, height: grid.height, rasterCRS: grid.crsName, rasterCRSCode: grid.crsCode,
            geoTransform: grid.geoTransform.coefficients, geographic: grid.isGeographic,
            scale: inputs.scaling.scale, offset: inputs.scaling.offset,
            parcelsPath: layer.path, parcelsLayer: layer.layerName, parcelsCRS: layer.crsName,
            featureCount: layer.featureCount, parcelCount: layer.parcels.count, idField: layer.idField,
            model: model, factors: request.factors, factorSet: request.factorSet, classField: request.classField,
            uncertainty: request.uncertainty, masks: request.masks, minObserved: request.minObserved,
            warnings: warnings, threads: threads, tiles: plan.count, tilesRead: pass.tilesRead,
            verdantVersion: VerdantVersion.verdant, gdalVersion: VerdantVersion.gdal, projVersion: VerdantVersion.proj,
            startedAt: ISO8601DateFormatter().string(from: started), seconds: Date().timeIntervalSince(started),
            phases: phases + [("figures", Date().timeIntervalSince(mark))],
            scalingOrigin: inputs.scalingOrigin,
            masksApplied: AppliedMasks.describe(request.masks, inputs: inputs, roles: roles),
            greenThreshold: greenThreshold,
            greenThresholdSource: GreenCover.sourceText(given: request.greenThreshold, threshold: greenThreshold))
        let report = EstimateReport(
            rows: rows, totals: totals, metadata: metadata, attributeFields: fields,
            attributeIndices: indices, parcels: layer, ndviPicture: ndviPicture, classColumns: classColumns)
        return report
    }

    /// True when the rasters of `a` and `b` lie on one grid with the same tiles (a run of `b` then reuses the
    /// parcels prepared for `a`, as `credits` does).
    static func onOneGrid(_ a: EstimateRequest, _ b: EstimateRequest) throws -> Bool {
        func grid(_ r: EstimateRequest) throws -> (RasterGrid, TilePlan) {
            let rules = try CellRules(model: r.model, masks: r.masks)
            let inputs = try ResolvedInputs.resolve(r.inputs, roles: rules.requiredRoles(for: r.inputs))
            let plan = try TilePlan(
                width: inputs.grid.width, height: inputs.grid.height, blockWidth: inputs.blockWidth,
                blockHeight: inputs.blockHeight, requested: r.execution.tileSize)
            return (inputs.grid, plan)
        }
        let (ga, pa) = try grid(a), (gb, pb) = try grid(b)
        return ga == gb && pa == pb
    }

    /// The parcels (with an area) that no cell of the grid covers; an error when that is every one of them.
    static func outsideParcels(
        areas: [Double], covered: [Bool], layer: ParcelLayer, inputs: ResolvedInputs
    ) throws -> [Int] {
        let withArea = areas.indices.filter { areas[$0] > 0 }
        let outside = withArea.filter { !covered[$0] }
        if !withArea.isEmpty && outside.count == withArea.count {
            let g = inputs.grid, e = g.extent
            throw VerdantError.input(
                file: layer.path,
                problem:
                    "none of its \(withArea.count) parcels overlaps the raster \(inputs.bands[0].source) (\(g.crsName), x \(e.minX)…\(e.maxX), y \(e.minY)…\(e.maxY)): check that they show the same place, and the parcels' CRS (\(layer.crsName); \(param: .assumedParcelsCRS))"
            )
        }
        return outside
    }

    /// Attribute columns for the outputs: the layer's fields less the id field; names that clash with a figure
    /// column get an `attr_` prefix.
    static func attributeColumns(_ layer: ParcelLayer) -> ([FieldDefinition], [Int]) {
        var fields: [FieldDefinition] = [], indices: [Int] = []
        for (i, f) in layer.fields.enumerated() where f.name != layer.idField {
            var field = f
            if ReportColumns.reserved.contains(f.name) || ReportColumns.isClassColumn(f.name) {
                field.name = "attr_" + f.name
            }
            fields.append(field)
            indices.append(i)
        }
        return (fields, indices)
    }
}

/// One worker of an estimate run: its reader and per-cell buffers.
final class EstimateWorker {
    let reader: TileReader
    let cells = TileCells()

    init(inputs: ResolvedInputs) throws {
        reader = try TileReader(inputs: inputs)
    }

    func process(
        tile: Int, window: Window, decoded: RawTile?, coverage: GridCoverage, rowAreas: [Double],
        rules: CellRules, histogramBinWidth: Double?, greenThreshold: Double?,
        picture: NDVIPicture.Builder?
    ) throws -> (sums: [(Int32, ParcelSums)], signs: (positive: Int, negative: Int), picture: NDVIPicture.Sums?) {
        // Only the cells under parcels are converted and valued (the tile is decoded whole), unless a picture of
        // the scene is wanted.
        try reader.load(window, decoded: decoded)
        try cells.compute(
            reader, count: window.cellCount, rules: rules,
            cells: picture == nil ? coverage.coveredCells(ofTile: tile) : nil)
        let pictureSums = picture?.sums(window: window, cells: cells)
        let tileCells = CellWindow(
            column: window.columnOffset, row: window.rowOffset, width: window.width, height: window.height)!
        var sums = ParcelAccumulator.sums(
            parcels: coverage.parcelsByTile[tile], coverage: coverage, window: tileCells,
            rowAreas: rowAreas, values: cells.buffers, histogramBinWidth: histogramBinWidth,
            greenThreshold: greenThreshold)
        // A land-cover band: each parcel's area (and AGB) by class, from the band's values under it.
        if let slot = reader.slot(of: .landCover) {
            if !reader.converted { reader.convert(picture == nil ? coverage.coveredCells(ofTile: tile) : nil) }
            let n = window.cellCount
            let classes = reader.values[(slot * n)..<((slot + 1) * n)]
            for k in sums.indices {
                sums[k].1.classes = ClassSums.of(
                    coverage.parcels[Int(sums[k].0)], in: tileCells, rowAreas: rowAreas, classes: classes,
                    values: cells.buffers)
            }
        }
        return (sums, cells.vegetationSigns, pictureSums)
    }
}
