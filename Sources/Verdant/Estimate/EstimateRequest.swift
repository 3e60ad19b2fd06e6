/// What `verdant estimate` does: rasters, parcels, model, carbon factors, and how to run.
public struct EstimateRequest: Hashable, Sendable {
    /// Which bands to read and how to scale them.
    public var inputs: RasterInputs
    /// The parcels.
    public var parcels: ParcelSource
    /// The biomass model.
    public var model: BiomassModel
    /// Root:shoot ratio and carbon fraction for every parcel (when `factorSet` is nil).
    public var factors: CarbonFactors
    /// A factor set whose class is chosen per parcel (`--factors`).
    public var factorSet: FactorSet?
    /// The parcel attribute naming each parcel's class in `factorSet` (`--class-field`).
    public var classField: String?
    /// One class of `factorSet` for every parcel (`--class`).
    public var factorClass: String?
    /// Quality masks and the valid reflectance range.
    public var masks: MaskRules
    /// Parcels observed under this fraction are flagged `low_observed` (default 0.5).
    public var minObserved: Double
    /// The index value from which an observed cell counts as green (`green_ha`, `green_fraction`); nil: the model
    /// index's default (`GreenCover.defaultThreshold(for:)`: 0.4 for NDVI, none for other indices, whose green
    /// columns are then empty). Must be finite.
    public var greenThreshold: Double?
    /// How confidence intervals are computed (when the model carries an uncertainty).
    public var uncertainty = UncertaintyOptions()
    /// Land-cover classes (names or values of the class band, `BandRole.landCover`) that count as green: green
    /// cover from the class map instead of an index threshold; nil: from the index.
    public var greenClasses: [String]?
    /// Carbon factors chosen per cell from its land-cover class (the class band's names as classes of
    /// `factorSet`), so that a parcel mixing forest types is summed class by class (`--class-raster`).
    public var factorsByClassBand = false
    /// Threads and tiles.
    public var execution: ExecutionOptions
    /// Also make an NDVI picture of the whole scene of at most this many cells a side (for a quicklook), from the
    /// estimate's own tile pass; nil: none.
    public var ndviPictureSize: Int?

    /// The factors, factor set and class together (setting it sets all three).
    public var factorChoice: FactorChoice {
        get { FactorChoice(factors: factors, factorSet: factorSet, factorClass: factorClass) }
        set {
            factors = newValue.factors
            factorSet = newValue.factorSet
            factorClass = newValue.factorClass
        }
    }

    /// An estimate request.
    public init(
        inputs: RasterInputs, parcels: ParcelSource, model: BiomassModel = .example,
        factors: CarbonFactors = .ipccDefault, masks: MaskRules = MaskRules(), minObserved: Double = 0.5,
        execution: ExecutionOptions = ExecutionOptions()
    ) {
        self.masks = masks
        self.minObserved = minObserved
        self.inputs = inputs
        self.parcels = parcels
        self.model = model
        self.factors = factors
        self.execution = execution
    }
}
