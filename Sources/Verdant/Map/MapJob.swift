import GDALKit

/// Runs `verdant map`: status, index and AGB of every cell, tile by tile in parallel, optional COG outputs,
/// scene totals.
public enum MapJob {
    /// The analysis grid the request's inputs resolve to.
    public static func grid(of request: MapRequest) throws -> RasterGrid {
        let rules = try CellRules(model: request.model, masks: request.masks)
        return try ResolvedInputs.resolve(request.inputs, roles: rules.requiredRoles(for: request.inputs)).grid
    }

    /// Runs the request; outputs appear only when everything succeeded.
    public static func run(_ request: MapRequest) throws -> MapSummary {
        try request.execution.validate()
        let rules = try CellRules(model: request.model, masks: request.masks)
        let greenThreshold = try GreenCover.threshold(request.greenThreshold, for: rules.index)
        if request.greenOutput != nil && greenThreshold == nil {
            throw VerdantError.invalidParameter(
                .greenThreshold,
                problem:
                    "is needed for \(param: .greenOutput) with the \(rules.index) index, which has no default (NDVI's is \(GreenCover.ndviThreshold))"
            )
        }
        let roles = rules.requiredRoles(for: request.inputs)
        try request.inputs.require(roles, for: "the \(rules.index) index")
        let inputs = try ResolvedInputs.resolve(request.inputs, roles: roles)
        try RunLimits.check(inputs, resolution: request.inputs.resolution, execution: request.execution)
        let grid = inputs.grid
        let plan = try TilePlan(
            width: grid.width, height: grid.height, blockWidth: inputs.blockWidth,
            blockHeight: inputs.blockHeight, requested: request.execution.tileSize)
        GDAL.setCacheMax(bytes: request.execution.gdalCacheBytes)
        var cog = request.cog
        cog.threads = request.execution.threads
        let hasNDVI = rules.hasNDVI(Set(inputs.roles))
        if request.ndviOutput != nil && !hasNDVI {
            try request.inputs.require([.red, .nir], for: String(naming: "\(param: .ndviOutput)"))
        }

        let protected = inputs.sourcePaths
        // (slot, kind shown in the summary, path, band description, unit); slots: 0 NDVI, 1 index, 2 AGB, 3 CO2e,
        // 4 green cover (Byte, 255 nodata; the others Float32, NaN nodata).
        let greenDescription =
            "green cover: 1 where \(rules.index.name.uppercased()) ≥ \(greenThreshold ?? .nan), 0 where not, 255 not observed"
        let wanted: [(Int, String, String?, String, String)] = [
            (0, "ndvi", request.ndviOutput, "NDVI", "1"),
            (1, rules.index.name, request.indexOutput, rules.index.name.uppercased(), "1"),
            (2, "agb_t_per_ha", request.agbOutput, "AGB", "t/ha"),
            (3, "co2e_t_per_ha", request.carbonOutput, "CO2e", "t CO2e/ha"),
            (4, "green", request.greenOutput, greenDescription, "class")
        ]
        let targets = try wanted.compactMap { slot, kind, path, description, unit in
            try path.map {
                (slot, kind, try OutputPath($0, inputs: protected, overwrite: request.overwrite), description, unit)
            }
        }
        let outputPaths = targets.map(\.2.path)
        if Set(outputPaths).count != outputPaths.count {
            throw VerdantError.usage("two outputs are the same file: \(outputPaths.joined(separator: ", "))")
        }
        let writers = try targets.map {
            try COGWriter(
                output: $0.2, grid: grid, bandDescription: $0.3, unit: $0.4, options: cog,
                dataType: $0.0 == 4 ? .byte : .float32, noData: $0.0 == 4 ? Double(SceneKernel.unobserved) : .nan)
        }
        defer { writers.forEach { $0.abandon() } }
        func writer(_ slot: Int) -> COGWriter? { targets.firstIndex { $0.0 == slot }.map { writers[$0] } }
        let ndviWriter = writer(0), indexWriter = writer(1), agbWriter = writer(2), carbonWriter = writer(3)
        let greenWriter = writer(4)
        try request.factors.validate()
        let co2ePerAGB = CarbonFactors.co2e(carbon: request.factors.carbon(agb: 1))
        // Checksums of the inputs for the COGs' provenance, computed while the map runs.
        let digests = writers.isEmpty ? nil : FileDigests(protected)
        let agbMax = request.model.agb(rules.index == .ndre ? 0.6 : 0.9)
        for (target, writer) in zip(targets, writers) {
            let style: String
            switch target.0 {
            case 0: style = QGISStyle.qml(.index("ndvi"))
            case 1: style = QGISStyle.qml(.index(rules.index.name))
            case 2: style = QGISStyle.qml(.density(maximum: agbMax, unit: target.4))
            case 3: style = QGISStyle.qml(.density(maximum: agbMax * co2ePerAGB, unit: target.4))
            default:
                style = QGISStyle.qml(palette: [
                    .init(value: 0, label: "not green", red: 189, green: 189, blue: 189),
                    .init(value: 1, label: "green", red: 35, green: 132, blue: 67)
                ])
            }
            writer.style = (
                try OutputPath(
                    QGISStyle.path(beside: target.2.path), inputs: protected, overwrite: request.overwrite), style
            )
        }

        let rowAreas = grid.rowCellAreas()
        let partials = try TileExecutor.run(
            tiles: plan.tiles, threads: request.execution.threads, progress: request.execution.progress,
            makeWorker: {
                try MapWorker(
                    inputs: inputs,
                    writers: .init(
                        ndvi: ndviWriter, index: indexWriter, agb: agbWriter, co2e: carbonWriter, green: greenWriter),
                    co2ePerAGB: co2ePerAGB)
            },
            process: { worker, _, window in
                try worker.process(window, rowAreas: rowAreas, rules: rules, greenThreshold: greenThreshold)
            })
        var totals = SceneSums()
        for p in partials { totals.add(p) }
        // Every output is converted before any is committed: a failure leaves none behind.
        let provenance = COGProvenance.items(
            command: "map", model: request.model, factors: request.factors, checksums: digests?.wait() ?? [:])
        for w in writers { w.metadata = provenance }
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
            outputs: targets.map { .init(kind: $0.1, path: $0.2.path) }, threads: request.execution.threads,
            tiles: plan.count,
            verdantVersion: VerdantVersion.verdant, gdalVersion: VerdantVersion.gdal, warnings: warnings,
            greenThreshold: greenThreshold, greenHa: greenThreshold.map { _ in totals.greenArea / 10_000 },
            greenFraction: greenThreshold != nil && totals.observedArea > 0
                ? totals.greenArea / totals.observedArea : nil)
    }
}

/// The COG writers of a map run (any may be absent).
struct MapWriters: Sendable {
    var ndvi: COGWriter?
    var index: COGWriter?
    var agb: COGWriter?
    var co2e: COGWriter?
    var green: COGWriter?
}

/// One worker of a map run: its reader, its cells, its output cells and the writers they go to.
final class MapWorker {
    let reader: TileReader
    let cells = TileCells()
    let writers: MapWriters
    var outputs: SceneKernel.Outputs

    init(inputs: ResolvedInputs, writers: MapWriters, co2ePerAGB: Double) throws {
        reader = try TileReader(inputs: inputs)
        self.writers = writers
        outputs = SceneKernel.Outputs(
            ndvi: writers.ndvi != nil, index: writers.index != nil, agb: writers.agb != nil,
            co2e: writers.co2e != nil, co2ePerAGB: co2ePerAGB, green: writers.green != nil)
    }

    func process(_ window: Window, rowAreas: [Double], rules: CellRules, greenThreshold: Double?) throws -> SceneSums {
        try reader.load(window)
        try cells.compute(reader, count: window.cellCount, rules: rules)
        outputs.resize(window.cellCount)
        var totals = SceneKernel.process(
            cells.buffers, width: window.width, rowAreas: rowAreas[window.rowOffset..<window.rowEnd],
            greenThreshold: greenThreshold, outputs: &outputs)
        totals.vegetationSigns = cells.vegetationSigns
        try writers.ndvi?.write(window: window, values: outputs.ndvi)
        try writers.index?.write(window: window, values: outputs.index)
        try writers.agb?.write(window: window, values: outputs.agb)
        try writers.co2e?.write(window: window, values: outputs.co2e)
        try writers.green?.write(window: window, values: outputs.green)
        return totals
    }
}
