import GDALKit

/// Runs `verdant map`: status, index and AGB of every cell, tile by tile in parallel, optional COG outputs,
/// scene totals.
public enum MapJob {
    /// Runs the request; outputs appear only when everything succeeded.
    public static func run(_ request: MapRequest) throws -> MapSummary {
        try request.execution.validate()
        let rules = try CellRules(model: request.model, masks: request.masks)
        try request.inputs.require(rules.requiredRoles, for: "the \(rules.index) index")
        let inputs = try ResolvedInputs.resolve(request.inputs, roles: rules.requiredRoles)
        let grid = inputs.grid
        let plan = try TilePlan(width: grid.width, height: grid.height, blockWidth: inputs.blockWidth,
                                blockHeight: inputs.blockHeight, requested: request.execution.tileSize)
        GDAL.setCacheMax(bytes: request.execution.gdalCacheBytes)
        var cog = request.cog
        cog.threads = request.execution.threads
        let hasNDVI = inputs.band(.red) != nil && inputs.band(.nir) != nil
        if request.ndviOutput != nil && !hasNDVI { try request.inputs.require([.red, .nir], for: "--ndvi-out") }

        let protected = inputs.sourcePaths
        let targets = try [("ndvi", request.ndviOutput, "NDVI", "1"), (rules.index.name, request.indexOutput, rules.index.name.uppercased(), "1"),
                           ("agb_t_per_ha", request.agbOutput, "AGB", "t/ha")].compactMap { kind, path, description, unit in
            try path.map { (kind, try OutputPath($0, inputs: protected), description, unit) }
        }
        let outputPaths = targets.map(\.1.path)
        if Set(outputPaths).count != outputPaths.count {
            throw VerdantError.usage("two outputs are the same file: \(outputPaths.joined(separator: ", "))")
        }
        let writers = try targets.map { try COGWriter(output: $0.1, grid: grid, bandDescription: $0.2, unit: $0.3, options: cog) }
        defer { writers.forEach { $0.abandon() } }
        let ndviWriter = request.ndviOutput == nil ? nil : writers[0]
        let indexWriter = request.indexOutput == nil ? nil : writers[request.ndviOutput == nil ? 0 : 1]
        let agbWriter = request.agbOutput == nil ? nil : writers.last

        let rowAreas = grid.rowCellAreas()
        let partials = try TileExecutor.run(
            tiles: plan.tiles, threads: request.execution.threads,
            makeWorker: { try MapWorker(inputs: inputs) },
            process: { worker, _, window in
                try worker.process(window, rowAreas: rowAreas, rules: rules, ndvi: ndviWriter, index: indexWriter, agb: agbWriter)
            })
        var totals = SceneTotals()
        for p in partials { totals.add(p) }
        for w in writers { try w.finish() }

        let observedHa = totals.observedArea / 10_000
        var warnings = request.inputs.warnings
        if let w = BandSwapCheck.warning(totals.vegetationSigns) { warnings.append(w) }
        return MapSummary(
            cells: grid.cellCount, validCells: totals.validCells, observedHa: observedHa,
            cloudCells: totals.cloudCells, noDataCells: totals.noDataCells, maskedCells: totals.maskedCells,
            meanNDVI: hasNDVI && totals.observedArea > 0 ? totals.ndviAreaSum / totals.observedArea : nil,
            index: rules.index.name,
            meanIndex: totals.observedArea > 0 ? totals.indexAreaSum / totals.observedArea : nil,
            totalAGBTonnes: totals.agbTonnes,
            meanAGBTonnesPerHa: observedHa > 0 ? totals.agbTonnes / observedHa : nil,
            width: grid.width, height: grid.height, crs: grid.crsName, crsCode: grid.crsCode,
            geoTransform: grid.geoTransform.coefficients,
            inputs: inputs.bands.map(BandRecord.init),
            scale: inputs.scaling.scale, offset: inputs.scaling.offset,
            model: request.model.expression, modelFormula: request.model.formula, modelSource: request.model.source,
            outputs: targets.map { .init(kind: $0.0, path: $0.1.path) }, threads: request.execution.threads, tiles: plan.count,
            verdantVersion: VerdantVersion.verdant, gdalVersion: VerdantVersion.gdal, warnings: warnings)
    }
}

/// One worker of a map run: its reader, its cells and its output buffers.
final class MapWorker {
    let reader: TileReader
    let cells = TileCells()
    var ndvi: [Float] = []
    var index: [Float] = []
    var agb: [Float] = []

    init(inputs: ResolvedInputs) throws {
        reader = try TileReader(inputs: inputs)
    }

    func process(_ window: Window, rowAreas: [Double], rules: CellRules,
                 ndvi ndviWriter: COGWriter?, index indexWriter: COGWriter?, agb agbWriter: COGWriter?) throws -> SceneTotals {
        try reader.read(window)
        let n = window.cellCount
        try cells.compute(reader, count: n, rules: rules)
        for (writer, buffer) in [(ndviWriter, \MapWorker.ndvi), (indexWriter, \MapWorker.index), (agbWriter, \MapWorker.agb)]
        where writer != nil && self[keyPath: buffer].count != n {
            self[keyPath: buffer] = [Float](repeating: .nan, count: n)
        }
        let areas = rowAreas[window.rowOffset..<window.rowEnd]
        var totals = try cells.status.withUnsafeBufferPointer { status in
            try cells.index.withUnsafeBufferPointer { index in
                try cells.ndvi.withUnsafeBufferPointer { ndvi in
                    try cells.agb.withUnsafeBufferPointer { agb in
                        try self.ndvi.withUnsafeMutableBufferPointer { o1 in
                            try self.index.withUnsafeMutableBufferPointer { o2 in
                                try self.agb.withUnsafeMutableBufferPointer { o3 in
                                    SceneKernel.process(status: status, index: index, ndvi: ndvi, agb: agb, width: window.width,
                                                        rowAreas: areas,
                                                        outputs: .init(ndvi: ndviWriter == nil ? nil : o1,
                                                                       index: indexWriter == nil ? nil : o2,
                                                                       agb: agbWriter == nil ? nil : o3))
                                }
                            }
                        }
                    }
                }
            }
        }
        totals.vegetationSigns = cells.vegetationSigns
        if let w = ndviWriter { try ndvi.withUnsafeBufferPointer { try w.write(window: window, values: UnsafeBufferPointer(rebasing: $0[0..<n])) } }
        if let w = indexWriter { try index.withUnsafeBufferPointer { try w.write(window: window, values: UnsafeBufferPointer(rebasing: $0[0..<n])) } }
        if let w = agbWriter { try agb.withUnsafeBufferPointer { try w.write(window: window, values: UnsafeBufferPointer(rebasing: $0[0..<n])) } }
        return totals
    }
}
