/// What `verdant classify` does: the input, the training polygons (or a model file), the forest's settings, and the
/// outputs.
public struct ClassifyRequest: Hashable, Sendable {
    /// Which bands to read and how to scale them.
    public var inputs: RasterInputs
    /// Quality masks and the valid range: masked cells are neither trained on nor classified (class 0).
    public var masks: MaskRules
    /// The dates of a time series (on one analysis grid) instead of `inputs`: features are then per date
    /// (`ndvi@2`) or statistics over the dates (`ndvi:median`); nil: the single raster of `inputs`.
    public var series: SeriesInputs?
    /// The share of the dates (0 < share ≤ 1) on which a cell must be observed to be trained on and classified;
    /// nil: every date (a single raster: its one date). Statistics (`ndvi:median`) are taken over the dates that
    /// observe the cell; a per-date feature (`ndvi@2`) is never imputed: a cell unobserved on a date such a feature
    /// reads is left unobserved (class 0) whatever the share.
    public var minObserved: Double?
    /// The training polygons, or points (a point layer, or a CSV with `x`, `y` or `lon`, `lat` columns), in any
    /// CRS; nil when `model` is applied.
    public var training: ParcelSource?
    /// The CRS of training points that have none (a CSV's `x`, `y`, by default the raster's; `lon`, `lat`, by
    /// default EPSG:4326; a point layer without a CRS).
    public var trainingCRS: String?
    /// The attribute of the training polygons holding their class.
    public var classField: String?
    /// The features; nil: every reflectance band present, and NDVI.
    public var features: [Feature]?
    /// Trees of the forest.
    public var trees = 100
    /// The seed of the forest and the folds.
    public var seed: UInt64 = 42
    /// Cross-validation folds of whole polygons (0: none).
    public var folds = 5
    /// A forest model file to apply instead of training.
    public var model: String?
    /// The class map (a COG).
    public var output: String
    /// Where to write the trained forest, if anywhere.
    public var modelOutput: String?
    /// Where to write the accuracy assessment and area estimates (JSON), if anywhere.
    public var accuracyOutput: String?
    /// Where to write the share of votes of the winning class (a Float32 COG), if anywhere.
    public var probabilityOutput: String?
    /// Where to write a stratified random sample of map cells (a GeoPackage of points) for labelling, if anywhere.
    public var sampleOutput: String?
    /// The size of that sample.
    public var sampleSize: Int?
    /// The least sample units per class (Olofsson et al. 2014 suggest 50–100 for rare classes).
    public var sampleMinimum = 50
    /// Labelled points (a probability sample of the map, e.g. `sampleOutput` labelled): the area estimates come
    /// from them instead of the cross-validation.
    public var validation: String?
    /// The attribute of `validation` holding each point's reference class.
    public var referenceField: String?
    /// Threads and tiles.
    public var execution = ExecutionOptions()
    /// COG compression.
    public var cog = COGOptions()
    /// Replace outputs that exist already.
    public var overwrite = false

    /// A classify request.
    public init(inputs: RasterInputs, masks: MaskRules = MaskRules(), output: String) {
        self.inputs = inputs
        self.masks = masks
        self.output = output
    }

    /// A classify request on the dates of `series` (its first date stands as `inputs`, its masks as `masks`).
    public init(series: SeriesInputs, output: String) {
        self.init(inputs: series.acquisitions[0].inputs, masks: series.masks, output: output)
        self.series = series
    }
}
