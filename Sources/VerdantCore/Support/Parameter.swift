/// A parameter of a Verdant request, by its library name (`minObserved`, `scale`, `assumedParcelsCRS`): errors
/// and warnings name parameters this way, and a front end shows each under its own name (the command-line tool
/// as its flag, `--min-observed`) through `ParameterNaming`.
public struct Parameter: Hashable, Sendable, CustomStringConvertible {
    /// The library name (the request property or argument it stands for).
    public let name: String

    /// The parameter called `name`.
    public init(_ name: String) { self.name = name }

    /// The name under the naming currently installed (the library name unless a front end installed its own).
    public var description: String { ParameterNaming.name(of: self) }
}

extension Parameter {
    /// Reflectance scale (`RasterInputs.scaling`).
    public static let scale = Parameter("scale")
    /// Reflectance offset (`RasterInputs.scaling`).
    public static let offset = Parameter("offset")
    /// The analysis grid's cell size.
    public static let resolution = Parameter("resolution")
    /// The resampling method.
    public static let resampling = Parameter("resampling")
    /// The band whose grid is the analysis grid.
    public static let gridBand = Parameter("gridBand")
    /// A sensor preset.
    public static let sensor = Parameter("sensor")
    /// The red band's selector.
    public static let red = Parameter("red")
    /// The near-infrared band's selector.
    public static let nir = Parameter("nir")
    /// A band given by role (`ROLE=FILE[:BAND]`).
    public static let band = Parameter("band")
    /// Rasters holding several bands.
    public static let raster = Parameter("raster")
    /// A STAC item.
    public static let stac = Parameter("stac")
    /// A scene folder.
    public static let scene = Parameter("scene")
    /// The CRS assumed for rasters without one.
    public static let assumedCRS = Parameter("assumedCRS")
    /// The CRS assumed for parcels without one.
    public static let assumedParcelsCRS = Parameter("assumedParcelsCRS")
    /// The parcels' id attribute.
    public static let idField = Parameter("idField")
    /// The parcels' layer.
    public static let layer = Parameter("layer")
    /// The SCL classes excluded.
    public static let sclExclude = Parameter("sclExclude")
    /// The QA_PIXEL bits excluded.
    public static let qaExcludeBits = Parameter("qaExcludeBits")
    /// The valid reflectance range.
    public static let validRange = Parameter("validRange")
    /// The spectral index.
    public static let index = Parameter("index")
    /// SAVI's soil factor L.
    public static let saviL = Parameter("saviL")
    /// The biomass model.
    public static let model = Parameter("model")
    /// A model file.
    public static let modelFile = Parameter("modelFile")
    /// The model's citation.
    public static let modelSource = Parameter("modelSource")
    /// The root-to-shoot ratio.
    public static let rootShoot = Parameter("rootShoot")
    /// The carbon fraction.
    public static let carbonFraction = Parameter("carbonFraction")
    /// A factor set.
    public static let factors = Parameter("factors")
    /// The attribute naming each parcel's factor class.
    public static let classField = Parameter("classField")
    /// One factor class for all parcels.
    public static let factorClass = Parameter("factorClass")
    /// The observed fraction under which parcels are flagged.
    public static let minObserved = Parameter("minObserved")
    /// The unobserved fraction over which a run is partial.
    public static let failOnUnobserved = Parameter("failOnUnobserved")
    /// The uncertainty method.
    public static let uncertainty = Parameter("uncertainty")
    /// Monte Carlo draws.
    public static let draws = Parameter("draws")
    /// Worker threads.
    public static let threads = Parameter("threads")
    /// The tile edge.
    public static let tileSize = Parameter("tileSize")
    /// The parcels' memory budget.
    public static let maxMemory = Parameter("maxMemory")
    /// The most cells of the analysis grid.
    public static let maxCells = Parameter("maxCells")
    /// The most vertices of one parcel.
    public static let maxParcelVertices = Parameter("maxParcelVertices")
    /// The most vertices of all parcels.
    public static let maxTotalVertices = Parameter("maxTotalVertices")
    /// The most vertices of a parcel to repair.
    public static let maxRepairVertices = Parameter("maxRepairVertices")
    /// Field plots.
    public static let plots = Parameter("plots")
    /// The baseline removals per hectare.
    public static let baselineRemovals = Parameter("baselineRemovals")
    /// The attribute marking control parcels.
    public static let controlField = Parameter("controlField")
    /// The value of `controlField` that marks a control parcel.
    public static let controlValue = Parameter("controlValue")
    /// Leakage, %.
    public static let leakage = Parameter("leakage")
    /// Non-permanence buffer, %.
    public static let buffer = Parameter("buffer")
    /// The main output.
    public static let out = Parameter("out")
    /// Overwriting existing outputs.
    public static let overwrite = Parameter("overwrite")
}

extension Parameter {
    /// The plots' id column.
    public static let idColumn = Parameter("idColumn")
    /// The plots' longitude column.
    public static let lonColumn = Parameter("lonColumn")
    /// The plots' latitude column.
    public static let latColumn = Parameter("latColumn")
    /// The plots' radius column.
    public static let radiusColumn = Parameter("radiusColumn")
    /// The plots' AGB column.
    public static let agbColumn = Parameter("agbColumn")
    /// The NDVI output raster.
    public static let ndviOutput = Parameter("ndviOutput")
    /// The Sentinel-2 processing baseline.
    public static let baseline = Parameter("baseline")
    /// The Sentinel-2 processing baseline of a time series' dates where their metadata does not say.
    public static let processingBaseline = Parameter("processingBaseline")
}

extension Parameter {
    /// The HTML report.
    public static let report = Parameter("report")
    /// The Markdown summary.
    public static let summary = Parameter("summary")
    /// The quicklook picture.
    public static let quicklook = Parameter("quicklook")
    /// The report printed to PDF.
    public static let pdf = Parameter("pdf")
    /// The shard of a sharded run (`K/N`).
    public static let shard = Parameter("shard")
    /// A shard keeps its part of the scene picture for the merge's report (`forReport`).
    public static let forReport = Parameter("forReport")

    /// A time series' dates table (`SeriesRequest`, `CompositeRequest`).
    public static let dates = Parameter("dates")
    /// How a composite reduces the dates of each cell.
    public static let method = Parameter("method")
    /// The first date a composite takes.
    public static let from = Parameter("from")
    /// The last date a composite takes.
    public static let to = Parameter("to")
    /// The raster of observed dates per cell of a composite.
    public static let countOut = Parameter("countOut")
    /// The per-parcel summary table of a series.
    public static let summaryOut = Parameter("summaryOut")
}

extension Parameter {
    /// The harmonics of a seasonal model (`DisturbanceMonitor.harmonics`).
    public static let harmonics = Parameter("harmonics")
    /// The least drop below the seasonal model that counts as an anomaly (`DisturbanceMonitor.drop`).
    public static let drop = Parameter("drop")
    /// The least drop, in baseline RMSEs, that counts as an anomaly (`DisturbanceMonitor.sigmas`).
    public static let sigmas = Parameter("sigmas")
    /// The consecutive anomalous dates that confirm a disturbance (`DisturbanceMonitor.confirm`).
    public static let confirm = Parameter("confirm")
    /// The stable period a time series' seasonal model is fitted on (`DisturbanceMonitor.baseline`).
    public static let seriesBaseline = Parameter("seriesBaseline")
    /// The index value from which a cell counts as green (`GreenCover`).
    public static let greenThreshold = Parameter("greenThreshold")
    /// The green-cover output raster.
    public static let greenOutput = Parameter("greenOutput")
    /// Land-cover classes that count as green (`EstimateRequest.greenClasses`).
    public static let greenClasses = Parameter("greenClasses")
    /// A land-cover map read as the class band (`BandRole.landCover`).
    public static let classes = Parameter("classes")
    /// Carbon factors per cell from its land-cover class (`EstimateRequest.factorsByClassBand`).
    public static let factorsByClassBand = Parameter("factorsByClassBand")
}

extension Parameter {
    /// The training samples of a classifier (`RandomForest`, `CrossValidation`).
    public static let training = Parameter("training")
    /// The trees of a random forest (`RandomForest.train`).
    public static let trees = Parameter("trees")
    /// The features a random forest's tree draws as candidates at each split.
    public static let candidateFeatures = Parameter("candidateFeatures")
    /// The seed of a random choice (bootstrap samples, folds, a stratified sample).
    public static let seed = Parameter("seed")
    /// The folds of a cross-validation (`GroupFolds`).
    public static let folds = Parameter("folds")
    /// The size of a stratified random sample (`StratifiedAllocation`).
    public static let sampleSize = Parameter("sampleSize")
    /// The least sample units of a stratum (`StratifiedAllocation`).
    public static let sampleMinimum = Parameter("sampleMinimum")
    /// A validation sample: reference labels of sample units, by map class (`StratifiedAreaEstimate`).
    public static let validation = Parameter("validation")
    /// The features a classifier takes (`ClassifyRequest.features`).
    public static let features = Parameter("features")
    /// The attribute of the training polygons holding their class.
    public static let trainingClassField = Parameter("trainingClassField")
    /// A forest model file applied instead of training.
    public static let forestModel = Parameter("forestModel")
    /// The attribute of validation points holding their reference class.
    public static let referenceField = Parameter("referenceField")
    /// The stratified random sample of map cells written for labelling.
    public static let sampleOutput = Parameter("sampleOutput")
}

extension Parameter {
    /// The CRS of training points without one (a CSV's `x`, `y`; `lon`, `lat` default to EPSG:4326).
    public static let trainingCRS = Parameter("trainingCRS")
}
