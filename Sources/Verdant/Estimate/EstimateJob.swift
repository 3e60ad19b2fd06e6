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
            let prefetch = TilePrefetch(
                inputs: inputs, tiles: plan.tiles, budgetBytes: request.execution.readAheadBytes)
            do {
                parcels = try PreparedParcels(
                    source: request.parcels, inputs: inputs, execution: request.execution,
                    featuresRead: { prefetch.finish() })
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
        let outside = try outsideParcels(parcels, inputs: inputs)
        let plan = parcels.plan
        let threads = request.execution.threads
        let rowAreas = grid.rowCellAreas()
        let model = request.model
        // A picture of the scene needs every tile; the parcels' sums only the tiles under them.
        let picture = request.ndviPictureSize.map { NDVIPicture.Builder(grid: grid, maxSize: $0) }
        let hasNDVI = rules.hasNDVI(Set(inputs.roles))
        if picture != nil && !hasNDVI {
            try request.inputs.require([.red, .nir], for: "the NDVI picture")
        }
        let selection = picture == nil ? coverage.tilesWithParcels : Array(0..<plan.count)
        let histogramBinWidth: Double? =
            request.uncertainty.method == .monteCarlo && model.uncertainty != nil ? 0.001 : nil

        phase("parcels and coverage")
        let partials = try TileExecutor.run(
            tiles: plan.tiles, selection: selection, threads: threads, progress: request.execution.progress,
            makeWorker: { try EstimateWorker(inputs: inputs) },
            process: { worker, tile, window in
                try worker.process(
                    tile: tile, window: window, decoded: readAhead?.take(tile), coverage: coverage,
                    rowAreas: rowAreas, rules: rules, histogramBinWidth: histogramBinWidth,
                    greenThreshold: greenThreshold, picture: picture)
            })
        var sums = [ParcelSums](repeating: ParcelSums(), count: layer.parcels.count)
        var signs = (positive: 0, negative: 0)
        for tile in partials {
            for (p, t) in tile.sums { sums[Int(p)].add(t) }
            signs.positive += tile.signs.positive
            signs.negative += tile.signs.negative
        }
        let ndviPicture = picture?.picture(partials.compactMap(\.picture))
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
                parcel: layer.parcels[i], areaM2: parcels.areas[i], sums: sums[i],
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
            warnings: warnings, threads: threads, tiles: plan.count, tilesRead: selection.count,
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
        return (report, parcels, reused)
    }

    /// The parcels (with an area) that no cell of the grid covers; an error when that is every one of them.
    static func outsideParcels(_ parcels: PreparedParcels, inputs: ResolvedInputs) throws -> [Int] {
        let withArea = parcels.areas.indices.filter { parcels.areas[$0] > 0 }
        let outside = withArea.filter { parcels.coverage.parcels[$0].coveredCells == 0 }
        if !withArea.isEmpty && outside.count == withArea.count {
            let g = inputs.grid, e = g.extent
            throw VerdantError.input(
                file: parcels.layer.path,
                problem:
                    "none of its \(withArea.count) parcels overlaps the raster \(inputs.bands[0].source) (\(g.crsName), x \(e.minX)…\(e.maxX), y \(e.minY)…\(e.maxY)): check that they show the same place, and the parcels' CRS (\(parcels.layer.crsName); \(param: .assumedParcelsCRS))"
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
