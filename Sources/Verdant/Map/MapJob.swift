import GDALKit

/// Runs `verdant map`: status, index and AGB of every cell, tile by tile in parallel, optional COG outputs,
/// scene totals.
public enum MapJob {
    /// The analysis grid the request's inputs resolve to.
    public static func grid(of request: MapRequest) throws -> RasterGrid {
        let rules = try CellRules(model: request.model, masks: request.masks)
        return try ResolvedInputs.resolve(request.inputs, roles: rules.requiredRoles).grid
    }

    /// Runs the request; outputs appear only when everything succeeded.
    public static func run(_ request: MapRequest) throws -> MapSummary {
        try request.execution.validate()
        let rules = try CellRules(model: request.model, masks: request.masks)
        try request.inputs.require(rules.requiredRoles, for: "the \(rules.index) index")
        let inputs = try ResolvedInputs.resolve(request.inputs, roles: rules.requiredRoles)
        try RunLimits.check(inputs, resolution: request.inputs.resolution, execution: request.execution)
        let grid = inputs.grid
        let plan = try TilePlan(width: grid.width, height: grid.height, blockWidth: inputs.blockWidth,
                                blockHeight: inputs.blockHeight, requested: request.execution.tileSize)
        GDAL.setCacheMax(bytes: request.execution.gdalCacheBytes)
        var cog = request.cog
        cog.threads = request.execution.threads
        let hasNDVI = inputs.band(.red) != nil && inputs.band(.nir) != nil
        if request.ndviOutput != nil && !hasNDVI { try request.inputs.require([.red, .nir], for: "--ndvi-out") }

        let protected = inputs.sourcePaths
        // (slot, kind shown in the summary, path, band description, unit); slots: 0 NDVI, 1 index, 2 AGB, 3 CO2e.
        let wanted: [(Int, String, String?, String, String)] = [
            (0, "ndvi", request.ndviOutput, "NDVI", "1"),
            (1, rules.index.name, request.indexOutput, rules.index.name.uppercased(), "1"),
            (2, "agb_t_per_ha", request.agbOutput, "AGB", "t/ha"),
            (3, "co2e_t_per_ha", request.carbonOutput, "CO2e", "tCO2e/ha"),
        ]
        let targets = try wanted.compactMap { slot, kind, path, description, unit in
            try path.map { (slot, kind, try OutputPath($0, inputs: protected, overwrite: request.overwrite), description, unit) }
        }
        let outputPaths = targets.map(\.2.path)
        if Set(outputPaths).count != outputPaths.count {
            throw VerdantError.usage("two outputs are the same file: \(outputPaths.joined(separator: ", "))")
        }
        let writers = try targets.map { try COGWriter(output: $0.2, grid: grid, bandDescription: $0.3, unit: $0.4, options: cog) }
        defer { writers.forEach { $0.abandon() } }
        func writer(_ slot: Int) -> COGWriter? { targets.firstIndex { $0.0 == slot }.map { writers[$0] } }
        let ndviWriter = writer(0), indexWriter = writer(1), agbWriter = writer(2), carbonWriter = writer(3)
        try request.factors.validate()
        let co2ePerAGB = CarbonFactors.co2e(carbon: request.factors.carbon(agb: 1))

        let rowAreas = grid.rowCellAreas()
        let partials = try TileExecutor.run(
            tiles: plan.tiles, threads: request.execution.threads, progress: request.execution.progress,
            makeWorker: { try MapWorker(inputs: inputs) },
            process: { worker, _, window in
                try worker.process(window, rowAreas: rowAreas, rules: rules,
                                   writers: .init(ndvi: ndviWriter, index: indexWriter, agb: agbWriter, co2e: carbonWriter),
                                   co2ePerAGB: co2ePerAGB)
            })
        var totals = SceneTotals()
        for p in partials { totals.add(p) }
        // Every output is converted before any is committed: a failure leaves none behind.
        for w in writers { try w.convert() }
        for w in writers { try w.commit() }

        let observedHa = totals.observedArea / 10_000
        var warnings = request.inputs.warnings
        if let w = request.model.warning { warnings.append(w) }
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
            outputs: targets.map { .init(kind: $0.1, path: $0.2.path) }, threads: request.execution.threads, tiles: plan.count,
            verdantVersion: VerdantVersion.verdant, gdalVersion: VerdantVersion.gdal, warnings: warnings)
    }
}

/// The COG writers of a map run (any may be absent).
struct MapWriters: Sendable {
    var ndvi: COGWriter?
    var index: COGWriter?
    var agb: COGWriter?
    var co2e: COGWriter?
}

/// One worker of a map run: its reader, its cells and its output buffers.
final class MapWorker {
    let reader: TileReader
    let cells = TileCells()
    var ndviBuffer: [Float] = []
    var indexBuffer: [Float] = []
    var agbBuffer: [Float] = []
    var co2eBuffer: [Float] = []

    init(inputs: ResolvedInputs) throws {
        reader = try TileReader(inputs: inputs)
    }

    func process(_ window: Window, rowAreas: [Double], rules: CellRules, writers: MapWriters, co2ePerAGB: Double) throws -> SceneTotals {
        try reader.load(window)
        let n = window.cellCount
        try cells.compute(reader, count: n, rules: rules)
        let list = [writers.ndvi, writers.index, writers.agb, writers.co2e]
        if list[0] != nil && ndviBuffer.count != n { ndviBuffer = [Float](repeating: .nan, count: n) }
        if list[1] != nil && indexBuffer.count != n { indexBuffer = [Float](repeating: .nan, count: n) }
        if list[2] != nil && agbBuffer.count != n { agbBuffer = [Float](repeating: .nan, count: n) }
        if list[3] != nil && co2eBuffer.count != n { co2eBuffer = [Float](repeating: .nan, count: n) }
        let areas = rowAreas[window.rowOffset..<window.rowEnd]
        var totals = cells.status.withUnsafeBufferPointer { status in
            cells.index.withUnsafeBufferPointer { index in
                cells.ndvi.withUnsafeBufferPointer { ndvi in
                    cells.agb.withUnsafeBufferPointer { agb in
                        ndviBuffer.withUnsafeMutableBufferPointer { o0 in
                            indexBuffer.withUnsafeMutableBufferPointer { o1 in
                                agbBuffer.withUnsafeMutableBufferPointer { o2 in
                                    co2eBuffer.withUnsafeMutableBufferPointer { o3 in
                                        SceneKernel.process(status: status, index: index, ndvi: ndvi, agb: agb, width: window.width,
                                                            rowAreas: areas,
                                                            outputs: .init(ndvi: list[0] == nil ? nil : o0, index: list[1] == nil ? nil : o1,
                                                                           agb: list[2] == nil ? nil : o2, co2e: list[3] == nil ? nil : o3,
                                                                           co2ePerAGB: co2ePerAGB))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        totals.vegetationSigns = cells.vegetationSigns
        for (w, buffer) in zip(list, [ndviBuffer, indexBuffer, agbBuffer, co2eBuffer]) {
            guard let w else { continue }
            try buffer.withUnsafeBufferPointer { try w.write(window: window, values: UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
        return totals
    }
}
