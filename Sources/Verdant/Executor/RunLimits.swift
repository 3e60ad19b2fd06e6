import Foundation
import GDALKit

/// The sizes a run may reach, checked once its inputs are resolved and before anything in proportion to the grid
/// is allocated or read: the analysis grid's cell count (a documented limit, `ExecutionOptions.maxCells`, that the
/// user may raise with `--max-cells`), and the memory the run plans to hold at once: per-row cell areas, every
/// worker's tile buffers, the tiles read ahead and GDAL's block cache (at most `ExecutionOptions.memoryLimitBytes`,
/// by default half of the machine's physical memory).
public enum RunLimits {
    /// The default cell limit: 2³² cells (about 35 Sentinel-2 tiles at 10 m, or a 65 536 × 65 536 grid).
    public static let defaultMaxCells = 1 << 32

    /// The default memory limit: half of the machine's physical memory.
    public static var defaultMemoryBytes: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory / 2) }

    /// Bytes a worker holds per cell of its tile, at most: per band the stored sample (≤ 8), its reflectance (8)
    /// and mask (1); the cells' status, index, NDVI, AGB and gradients (41); and four Float32 outputs (16).
    static func bytesPerTileCell(bands: Int) -> Double { Double(57 + 17 * bands) }

    /// Throws, before any work, when the grid of `inputs` has more cells than `execution.maxCells`, or the run
    /// would hold more memory than `execution.memoryLimitBytes`. `resolution` is the user's `--resolution`, when
    /// it made the grid; errors name it, else the grid's file.
    public static func check(_ inputs: ResolvedInputs, resolution: Double?, execution: ExecutionOptions) throws {
        let grid = inputs.grid
        let file = inputs.band(inputs.gridRole)?.source ?? inputs.bands.first?.source ?? "the input"
        let size = "\(grid.width) × \(grid.height) cells (\(grid.cellCount) cells)"
        func fail(_ problem: ErrorText) -> VerdantError {
            if let resolution { return .invalidParameter(.resolution, problem: "\(resolution): \(problem)") }
            return .input(file: file, problem: problem)
        }
        guard grid.width <= RasterGrid.maximumSide, grid.height <= RasterGrid.maximumSide,
            grid.cellCount <= execution.maxCells
        else {
            throw fail(
                "the analysis grid of \(size) is over the limit of \(execution.maxCells) cells (raise it with \(param: .maxCells) N)"
            )
        }
        let (plan, workers, tiles, rows, other) = try planned(inputs, execution: execution)
        let needed = tiles + rows + other
        guard needed <= Double(execution.memoryLimitBytes) else {
            let detail =
                "per-row cell areas \(gb(rows)), tile buffers \(gb(tiles)) (\(workers) worker(s), tiles of \(plan.tiles.tileWidth) × \(plan.tiles.tileHeight) cells), read-ahead and cache \(gb(other))"
            let limit =
                "more than the memory limit of \(gb(Double(execution.memoryLimitBytes))) (by default half of this machine's memory)"
            if tiles > rows, execution.tileSize != nil {
                throw VerdantError.invalidParameter(
                    .tileSize,
                    problem:
                        "\(execution.tileSize!): the run would hold about \(gb(needed)) (\(detail)), \(limit): give a smaller \(param: .tileSize) or fewer \(param: .threads)"
                )
            }
            throw fail("the analysis grid of \(size) would need about \(gb(needed)) of memory (\(detail)), \(limit)")
        }
    }

    /// The memory the tiles of a run on `inputs` take at once, in bytes: every worker's tile buffers, the per-row
    /// cell areas, the tiles read ahead and GDAL's block cache. The parcels' budget is what is left of the
    /// machine's memory (`ExecutionOptions.memoryBudget(reserving:)`).
    public static func plannedBytes(_ inputs: ResolvedInputs, execution: ExecutionOptions) throws -> Int {
        let (_, _, tiles, rows, other) = try planned(inputs, execution: execution)
        return Int(clamping: Int64(min(tiles + rows + other, 9e18)))
    }

    private static func planned(
        _ inputs: ResolvedInputs, execution: ExecutionOptions
    ) throws
        -> (plan: TilePlan, workers: Int, tiles: Double, rows: Double, other: Double)
    {
        let grid = inputs.grid
        let plan = try TilePlan(
            width: grid.width, height: grid.height, blockWidth: inputs.blockWidth,
            blockHeight: inputs.blockHeight, requested: execution.tileSize)
        let tileCells = Double(plan.tiles.tileWidth) * Double(plan.tiles.tileHeight)
        let workers = max(1, min(execution.threads, plan.count))
        let tiles = Double(workers) * tileCells * bytesPerTileCell(bands: inputs.bands.count)
        let rows = Double(grid.height) * 8
        let other = Double(execution.readAheadBytes) + Double(execution.gdalCacheBytes)
        return (plan, workers, tiles, rows, other)
    }

    /// Bytes for a person: GB, MB or kB with one decimal.
    private static func gb(_ bytes: Double) -> String {
        if bytes >= 1e9 { return String(format: "%.1f GB", bytes / 1e9) }
        if bytes >= 1e6 { return String(format: "%.1f MB", bytes / 1e6) }
        return String(format: "%.1f kB", bytes / 1e3)
    }
}
