import GDALKit

/// Runs `verdant map`: NDVI and AGB for every cell, tile by tile in parallel, optional COG outputs, scene totals.
public enum MapJob {
    /// Runs the request; outputs appear only when everything succeeded.
    public static func run(_ request: MapRequest) throws -> MapSummary {
        try request.execution.validate()
        let inputs = try ResolvedInputs.resolve(request.inputs, roles: [.red, .nir])
        let grid = inputs.grid
        let plan = try TilePlan(width: grid.width, height: grid.height, blockWidth: inputs.blockWidth,
                                blockHeight: inputs.blockHeight, requested: request.execution.tileSize)
        GDAL.setCacheMax(bytes: request.execution.gdalCacheBytes)
        var cog = request.cog
        cog.threads = request.execution.threads

        let paths = inputs.paths
        let ndviPath = try request.ndviOutput.map { try OutputPath($0, inputs: paths) }
        let agbPath = try request.agbOutput.map { try OutputPath($0, inputs: paths) }
        if let n = ndviPath, let a = agbPath, n.path == a.path {
            throw VerdantError.usage("--ndvi-out and --agb-out are the same file: \(n.path)")
        }
        let ndviWriter = try ndviPath.map { try COGWriter(output: $0, grid: grid, bandDescription: "NDVI", unit: "1", options: cog) }
        let agbWriter = try agbPath.map {
            try COGWriter(output: $0, grid: grid, bandDescription: "AGB", unit: "t/ha", options: cog)
        }
        defer {
            ndviWriter?.abandon()
            agbWriter?.abandon()
        }

        let rowAreas = grid.rowCellAreas()
        let model = request.model
        let partials = try TileExecutor.run(
            tiles: plan.tiles, threads: request.execution.threads,
            makeWorker: { try MapWorker(inputs: inputs, writesNDVI: ndviWriter != nil, writesAGB: agbWriter != nil) },
            process: { worker, _, window in
                try worker.process(window, rowAreas: rowAreas, model: model, ndviWriter: ndviWriter, agbWriter: agbWriter)
            })
        var totals = SceneTotals()
        for p in partials { totals.add(p) }
        try ndviWriter?.finish()
        try agbWriter?.finish()

        var outputs: [MapSummary.Output] = []
        if let p = ndviPath { outputs.append(.init(kind: "ndvi", path: p.path)) }
        if let p = agbPath { outputs.append(.init(kind: "agb_t_per_ha", path: p.path)) }
        let observedHa = totals.observedArea / 10_000
        return MapSummary(
            cells: grid.cellCount, validCells: totals.validCells, observedHa: observedHa,
            meanNDVI: totals.observedArea > 0 ? totals.ndviAreaSum / totals.observedArea : nil,
            totalAGBTonnes: totals.agbTonnes,
            meanAGBTonnesPerHa: observedHa > 0 ? totals.agbTonnes / observedHa : nil,
            width: grid.width, height: grid.height, crs: grid.crsName, crsCode: grid.crsCode,
            geoTransform: grid.geoTransform.coefficients,
            inputs: inputs.bands.map {
                .init(role: $0.role.name, path: $0.path, band: $0.index, description: $0.bandDescription,
                      dataType: $0.dataType.rawValue, nodata: $0.noData.map { "\($0)" },
                      gdalScale: $0.gdalScale, gdalOffset: $0.gdalOffset)
            },
            scale: inputs.scaling.scale, offset: inputs.scaling.offset,
            model: model.expression, modelFormula: model.formula, modelSource: model.source,
            outputs: outputs, threads: request.execution.threads, tiles: plan.count,
            verdantVersion: VerdantVersion.verdant, gdalVersion: VerdantVersion.gdal)
    }
}

/// One worker of a map run: its reader and its output buffers.
final class MapWorker {
    let reader: TileReader
    let redSlot: Int
    let nirSlot: Int
    var ndvi: [Float] = []
    var agb: [Float] = []
    let writesNDVI: Bool
    let writesAGB: Bool

    init(inputs: ResolvedInputs, writesNDVI: Bool, writesAGB: Bool) throws {
        reader = try TileReader(inputs: inputs)
        guard let r = reader.slot(of: .red), let n = reader.slot(of: .nir) else {
            throw VerdantError.internal("map inputs lack red or nir")
        }
        redSlot = r
        nirSlot = n
        self.writesNDVI = writesNDVI
        self.writesAGB = writesAGB
    }

    func process(_ window: Window, rowAreas: [Double], model: BiomassModel,
                 ndviWriter: COGWriter?, agbWriter: COGWriter?) throws -> SceneTotals {
        try reader.read(window)
        let n = window.cellCount
        if writesNDVI && ndvi.count != n { ndvi = [Float](repeating: .nan, count: n) }
        if writesAGB && agb.count != n { agb = [Float](repeating: .nan, count: n) }
        let areas = rowAreas[window.rowOffset..<window.rowEnd]
        let totals = try reader.values[redSlot].withUnsafeBufferPointer { red in
            try reader.values[nirSlot].withUnsafeBufferPointer { nir in
                try ndvi.withUnsafeMutableBufferPointer { ndviBuffer in
                    try agb.withUnsafeMutableBufferPointer { agbBuffer in
                        try SceneKernel.process(red: red, nir: nir, width: window.width, rowAreas: areas, model: model,
                                                ndviOut: writesNDVI ? ndviBuffer : nil, agbOut: writesAGB ? agbBuffer : nil)
                    }
                }
            }
        }
        if let w = ndviWriter { try ndvi.withUnsafeBufferPointer { try w.write(window: window, values: UnsafeBufferPointer(rebasing: $0[0..<n])) } }
        if let w = agbWriter { try agb.withUnsafeBufferPointer { try w.write(window: window, values: UnsafeBufferPointer(rebasing: $0[0..<n])) } }
        return totals
    }
}
