/// What `verdant map` does: inputs, model, optional NDVI and AGB rasters, and how to run.
public struct MapRequest: Hashable, Sendable {
    /// Which bands to read and how to scale them.
    public var inputs: RasterInputs
    /// The biomass model.
    public var model: BiomassModel
    /// Where to write the NDVI COG, if anywhere.
    public var ndviOutput: String?
    /// Where to write the AGB COG (t/ha), if anywhere.
    public var agbOutput: String?
    /// Threads and tiles.
    public var execution: ExecutionOptions
    /// COG compression.
    public var cog: COGOptions

    /// A map request.
    public init(inputs: RasterInputs, model: BiomassModel = .example, ndviOutput: String? = nil,
                agbOutput: String? = nil, execution: ExecutionOptions = ExecutionOptions(),
                cog: COGOptions = COGOptions()) {
        self.inputs = inputs
        self.model = model
        self.ndviOutput = ndviOutput
        self.agbOutput = agbOutput
        self.execution = execution
        self.cog = cog
    }
}
