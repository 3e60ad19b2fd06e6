/// What `verdant composite` does: many dates reduced cell by cell to one raster of every band, plus the index.
public struct CompositeRequest: Hashable, Sendable {
    /// The dates and their inputs, with the masks they share.
    public var series: SeriesInputs
    /// How each cell's observed dates are reduced.
    public var method: CompositeMethod
    /// The index written beside the bands and, for `max-ndvi`, the one whose highest value picks the date.
    public var index: SpectralIndex = .ndvi
    /// Where to write the composite (a COG, one band per input role, then the index).
    public var output: String
    /// Where to write the number of observed dates per cell (UInt16), if anywhere.
    public var countOutput: String?
    /// Threads and tiles.
    public var execution = ExecutionOptions()
    /// COG compression.
    public var cog = COGOptions()
    /// Replace outputs that exist already.
    public var overwrite = false

    /// A composite request.
    public init(series: SeriesInputs, method: CompositeMethod, output: String) {
        self.series = series
        self.method = method
        self.output = output
    }
}
