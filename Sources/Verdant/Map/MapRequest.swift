/// What `verdant map` does: inputs, model (and the index it takes), masks, optional rasters, and how to run.
public struct MapRequest: Hashable, Sendable {
    /// Which bands to read and how to scale them.
    public var inputs: RasterInputs
    /// The biomass model; its index is the one mapped.
    public var model: BiomassModel
    /// Quality masks and the valid reflectance range.
    public var masks: MaskRules
    /// Where to write the NDVI COG, if anywhere.
    public var ndviOutput: String?
    /// Where to write the model's index as a COG (when it is not NDVI), if anywhere.
    public var indexOutput: String?
    /// Where to write the AGB COG (t/ha), if anywhere.
    public var agbOutput: String?
    /// Threads and tiles.
    public var execution: ExecutionOptions
    /// COG compression.
    public var cog: COGOptions
    /// Where to write carbon density (tCO2e/ha) as a COG, if anywhere.
    public var carbonOutput: String?
    /// Carbon factors for the carbon density raster.
    public var factors: CarbonFactors = .ipccDefault
    /// Where to write green cover as a COG (Byte: 1 green, 0 observed but not green, 255 not observed, its
    /// nodata), if anywhere.
    public var greenOutput: String?
    /// The index value from which an observed cell counts as green; nil: the model index's default
    /// (`GreenCover.defaultThreshold(for:)`: 0.4 for NDVI; other indices have none, and then `greenOutput` needs
    /// one). Must be finite.
    public var greenThreshold: Double?
    /// Replace outputs that exist already.
    public var overwrite = false

    /// A map request.
    public init(
        inputs: RasterInputs, model: BiomassModel = .example, masks: MaskRules = MaskRules(),
        ndviOutput: String? = nil, indexOutput: String? = nil, agbOutput: String? = nil,
        execution: ExecutionOptions = ExecutionOptions(), cog: COGOptions = COGOptions()
    ) {
        self.inputs = inputs
        self.model = model
        self.masks = masks
        self.ndviOutput = ndviOutput
        self.indexOutput = indexOutput
        self.agbOutput = agbOutput
        self.execution = execution
        self.cog = cog
    }
}
