/// Parcels read and their exact coverage computed on one grid: made once, reused for every raster on that grid.
public struct PreparedParcels: Sendable {
    /// Where the parcels came from.
    public let source: ParcelSource
    /// The parcels, each with its outline (vertices on the raster's CRS; its coverage and area were measured on
    /// its densified polygons).
    public let layer: ParcelLayer
    /// The grid they were prepared for.
    public let grid: RasterGrid
    /// The tiles of that grid.
    public let plan: TilePlan
    /// Every parcel's coverage, and which tiles each touches.
    public let coverage: GridCoverage
    /// Every parcel's area in m².
    public let areas: [Double]
    /// For one shard of a sharded run, which parcels it processed (the others are placeholders with no coverage);
    /// nil: all of them.
    let selected: [Bool]?

    /// Prepares the parcels of `source` for the grid of `inputs`; `featuresRead` is called once their features
    /// are read, before their geometry is processed.
    init(
        source: ParcelSource, inputs: ResolvedInputs, execution: ExecutionOptions,
        featuresRead: (@Sendable () -> Void)? = nil, selection: ParcelSelection? = nil
    ) throws {
        let grid = inputs.grid
        guard let cellGrid = grid.cellGrid else {
            throw VerdantError.input(
                file: inputs.bands[0].source,
                problem:
                    "has a rotated or south-up geotransform; per-parcel sums need a north-up grid (warp it with gdalwarp)"
            )
        }
        self.source = source
        self.grid = grid
        self.plan = try TilePlan(
            width: grid.width, height: grid.height, blockWidth: inputs.blockWidth,
            blockHeight: inputs.blockHeight, requested: execution.tileSize)
        // Each parcel is measured as its polygons are made; the layer keeps the parcels' outlines.
        let budget = execution.memoryBudget(reserving: try RunLimits.plannedBytes(inputs, execution: execution))
        let (layer, measures, selected) = try ParcelLoader.load(
            source, onto: grid, threads: execution.threads,
            progress: execution.parcelProgress, measuring: cellGrid,
            featuresRead: featuresRead, budget: budget,
            limits: execution.vertexLimits, selection: selection)
        self.layer = layer
        self.selected = selected
        self.coverage = GridCoverage(coverages: measures!.map(\.coverage), grid: cellGrid, tiles: plan.tiles)
        self.areas = measures!.map(\.area)
    }

    /// True when `inputs` lie on the grid and tiles these parcels were prepared for.
    func matches(inputs: ResolvedInputs, execution: ExecutionOptions) throws -> Bool {
        let plan = try TilePlan(
            width: inputs.grid.width, height: inputs.grid.height, blockWidth: inputs.blockWidth,
            blockHeight: inputs.blockHeight, requested: execution.tileSize)
        return inputs.grid == grid && plan == self.plan
    }

    /// Throws unless these parcels were prepared from `source` for the grid and tiles of `inputs`.
    func check(source: ParcelSource, inputs: ResolvedInputs, execution: ExecutionOptions) throws {
        guard source == self.source else {
            throw VerdantError.usage("the prepared parcels come from \(self.source.path), not \(source.path)")
        }
        guard try matches(inputs: inputs, execution: execution) else {
            throw VerdantError.input(
                file: inputs.bands[0].source,
                problem:
                    "is not on the grid (or tiles) the parcels were prepared for; prepare them again for this raster")
        }
    }
}
