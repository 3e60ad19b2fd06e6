/// What `verdant classify` does: the input, the training polygons (or a model file), the forest's settings, and the
/// outputs.
public struct ClassifyRequest: Hashable, Sendable {
    /// Which bands to read and how to scale them.
    public var inputs: RasterInputs
    /// Quality masks and the valid range: masked cells are neither trained on nor classified (class 0).
    public var masks: MaskRules
    /// The training polygons (any CRS); nil when `model` is applied.
    public var training: ParcelSource?
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
}
