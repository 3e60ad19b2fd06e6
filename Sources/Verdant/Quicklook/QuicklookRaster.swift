import Foundation
import GDALKit

/// A scene's NDVI picture made by a pass of its own over the tiles (when no estimate pass makes it): see
/// `NDVIPicture`.
public enum QuicklookRaster {
    /// Computes the NDVI of `inputs` (cells judged with `masks`) at picture size (at most `maxSize` cells a side).
    public static func ndvi(
        inputs: RasterInputs, masks: MaskRules, execution: ExecutionOptions,
        maxSize: Int = 800
    ) throws -> NDVIPicture {
        try execution.validate()
        try inputs.require([.red, .nir], for: "the NDVI picture")
        let rules = try CellRules(model: try BiomassModel(parsing: "linear:0,1"), masks: masks)
        let resolved = try ResolvedInputs.resolve(inputs, roles: [.red, .nir])
        try RunLimits.check(resolved, resolution: inputs.resolution, execution: execution)
        let grid = resolved.grid
        let plan = try TilePlan(
            width: grid.width, height: grid.height, blockWidth: resolved.blockWidth,
            blockHeight: resolved.blockHeight, requested: execution.tileSize)
        GDAL.setCacheMax(bytes: execution.gdalCacheBytes)
        let builder = NDVIPicture.Builder(grid: grid, maxSize: maxSize)
        let sums = try TileExecutor.run(
            tiles: plan.tiles, threads: execution.threads, progress: execution.progress,
            makeWorker: { (reader: try TileReader(inputs: resolved), cells: TileCells()) },
            process: { worker, _, window in
                try worker.reader.load(window)
                try worker.cells.compute(worker.reader, count: window.cellCount, rules: rules)
                return builder.sums(window: window, cells: worker.cells)
            })
        return builder.picture(sums)
    }
}
