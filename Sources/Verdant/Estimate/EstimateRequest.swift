/// What `verdant estimate` does: rasters, parcels, model, carbon factors, and how to run.
public struct EstimateRequest: Hashable, Sendable {
    /// Which bands to read and how to scale them.
    public var inputs: RasterInputs
    /// The parcels.
    public var parcels: ParcelSource
    /// The biomass model.
    public var model: BiomassModel
    /// Root:shoot ratio and carbon fraction.
    public var factors: CarbonFactors
    /// Threads and tiles.
    public var execution: ExecutionOptions

    /// An estimate request.
    public init(inputs: RasterInputs, parcels: ParcelSource, model: BiomassModel = .example,
                factors: CarbonFactors = .ipccDefault, execution: ExecutionOptions = ExecutionOptions()) {
        self.inputs = inputs
        self.parcels = parcels
        self.model = model
        self.factors = factors
        self.execution = execution
    }
}
