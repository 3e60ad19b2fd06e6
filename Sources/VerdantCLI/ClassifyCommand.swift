import ArgumentParser
import Foundation
import Verdant

/// `verdant classify`: a land-cover map from training polygons or points (one raster or several dates) with a
/// random forest, its accuracy and areas.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract:
            "Map land cover with a random forest trained on polygons or points; assess accuracy; estimate class areas.",
        discussion: """
            Training samples are the observed cells whose centre lies inside a training polygon (any CRS), with the \
            polygon's class. The forest (Breiman 2001): CART trees on bootstrap samples, Gini impurity, √(features) \
            candidates per split, majority vote; deterministic for a seed and any thread count. Accuracy by \
            cross-validation with folds of whole polygons (neighbouring cells are near-duplicates): confusion matrix \
            (rows reference, columns map), overall accuracy, kappa, user's and producer's accuracy, F1; and the \
            Olofsson et al. (2014) stratified area estimates with standard errors and 95 % intervals — indicative, \
            since training polygons are not a probability sample.

            The map is a COG (Byte; UInt16 beyond 254 classes): 0 unobserved (masked, nodata), class k is k + 1, with \
            a colour table, class names in FILE.tif.aux.xml (category names and attribute table) and a QGIS style \
            FILE.qml beside it. --model applies a saved forest to another raster or date without retraining (its \
            features, bands and scaling are checked against the input).

            Several dates (--dates FILE.csv, or --stac with an ItemCollection of several items; brought onto one \
            grid as in series and composite): features per date, NAME@K (K the date's number from 1; a bare NAME is \
            that feature on every date, the default every default feature on every date), or statistics over the \
            dates on which a cell is observed, NAME:STAT (median, mean, min, max, pNN). A cell is trained on and \
            classified when observed on at least --min-observed of the dates (default all) and every feature is \
            present: a per-date feature on a date that does not observe the cell is not imputed, so the cell is \
            unobserved (0). A model file records its number of dates; applying it to another number is an error.

            --training may be points: a point layer, or a CSV with x, y (the raster's CRS) or lon, lat (EPSG:4326) \
            columns and the class field (--training-crs for another CRS). Each point samples the cell containing \
            it and is its own cross-validation group.

            Examples:
              verdant classify --raster L5.tif --sensor landsat-tm-c2-l2 --scale 1 \\
                  --training polygons.gpkg --class-field class --out classes.tif \\
                  --model-out forest.json --accuracy-out accuracy.json
              verdant classify --raster L5-1990.tif --sensor landsat-tm-c2-l2 --scale 1 \\
                  --model forest.json --out classes-1990.tif
              verdant classify --dates dates.csv --sensor sentinel2-l2a \\
                  --features ndvi:min,ndvi:max,ndvi:median --training points.csv \\
                  --class-field class --min-observed 0.6 --out change-classes.tif
              verdant estimate --raster S2.tif --sensor sentinel2-l2a \\
                  --classes classes.tif --parcels plots.gpkg --out plots.csv
            """
    )

    @OptionGroup(title: "Input") var raster: RasterOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Training polygons or points: any vector GDAL reads, in any CRS, or a CSV of points (x, y or lon, lat, and the class field).",
            valueName: "FILE"), completion: .vectorOrCSVFile)
    var training: String?

    @Option(
        name: .customLong("training-crs"),
        help: ArgumentHelp(
            "The CRS of training points without one (default: a CSV's x, y in the raster's CRS, lon, lat in EPSG:4326).",
            valueName: "CRS"))
    var trainingCRS: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Classify several dates: a CSV of acquisitions (as in series and composite); --stac with an ItemCollection of several items does too.",
            valueName: "FILE.csv"), completion: .csvFile)
    var dates: String?

    @Option(
        name: .customLong("min-observed"), parsing: .unconditional,
        help: "With several dates: the share of them (0 < X ≤ 1) on which a cell must be observed (default 1).")
    var minObserved: Double?

    @Option(name: .customLong("training-layer"), help: ArgumentHelp("The layer of --training.", valueName: "L"))
    var trainingLayer: String?

    @Option(
        name: .customLong("class-field"),
        help: ArgumentHelp("The attribute of the training polygons holding their class.", valueName: "F"))
    var classField: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Features, comma-separated: bands (red, nir, swir1, …) and indices (ndvi, evi, …); with dates NAME@K (date K) or NAME:STAT (median, mean, min, max, pNN over the dates); default every reflectance band present and NDVI (on every date).",
            valueName: "LIST"))
    var features: String?

    @Option(name: .long, parsing: .unconditional, help: "Trees of the forest (default 100).")
    var trees: Int = 100

    @Option(name: .long, parsing: .unconditional, help: "Seed of the forest and the folds (default 42).")
    var seed: UInt64 = 42

    @Option(
        name: .long, parsing: .unconditional,
        help: "Cross-validation folds of whole polygons (default 5; 0: none).")
    var folds: Int = 5

    @Option(
        name: .long,
        help: ArgumentHelp("Apply this forest model (from --model-out) instead of training.", valueName: "FILE.json"),
        completion: .jsonFile)
    var model: String?

    @Option(
        name: [.customShort("o"), .long], help: ArgumentHelp("The class map (a COG).", valueName: "FILE.tif"),
        completion: .geoTIFFFile)
    var out: String

    @Option(
        name: .customLong("model-out"), help: ArgumentHelp("Also write the trained forest.", valueName: "FILE.json"),
        completion: .jsonFile)
    var modelOut: String?

    @Option(
        name: .customLong("accuracy-out"),
        help: ArgumentHelp("Also write the accuracy assessment and area estimates.", valueName: "FILE.json"),
        completion: .jsonFile)
    var accuracyOut: String?

    @Option(
        name: .customLong("probability-out"),
        help: ArgumentHelp("Also write the share of votes of the winning class (Float32 COG).", valueName: "FILE.tif"),
        completion: .geoTIFFFile)
    var probabilityOut: String?

    @Option(
        name: .customLong("sample-out"),
        help: ArgumentHelp(
            "Also write a stratified random sample of map cells (GeoPackage points, an empty reference field) to label for area estimates (with --sample-size).",
            valueName: "FILE.gpkg"), completion: .files("gpkg"))
    var sampleOut: String?

    @Option(
        name: .customLong("sample-size"), parsing: .unconditional,
        help: "Points of --sample-out: each class at least --sample-minimum, the rest by mapped area.")
    var sampleSize: Int?

    @Option(
        name: .customLong("sample-minimum"), parsing: .unconditional,
        help: "The least points per class of --sample-out (default 50).")
    var sampleMinimum: Int = 50

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Labelled points (a probability sample, e.g. --sample-out labelled): the area estimates and accuracy come from them.",
            valueName: "FILE"), completion: .vectorOrCSVFile)
    var validation: String?

    @Option(
        name: .customLong("reference-field"),
        help: ArgumentHelp("The attribute of --validation holding each point's reference class.", valueName: "F"))
    var referenceField: String?

    @Option(name: .long, help: "COG compression: deflate or zstd.")
    var compress: COGOptions.Compression = .deflate

    @Flag(name: .long, help: "Print the accuracy assessment as JSON on standard output.")
    var json = false

    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Run") var runOptions: RunOptions

    func run() throws {
        try output.configure()
        let reflectance = BandRole.known.filter { $0.kind == .reflectance }
        // An ItemCollection of several items is a series; one item is one raster, as before.
        let stacDates = raster.stac.map { ((try? STACCollection.items([$0]))?.count ?? 0) >= 2 } ?? false
        if dates != nil && (!raster.raster.isEmpty || !raster.band.isEmpty || raster.stac != nil || raster.scene != nil)
        {
            throw VerdantError.usage("--dates gives the inputs: it excludes --raster, --band, --stac and --scene")
        }
        var request: ClassifyRequest
        if dates != nil || stacDates {
            let series = try DateOptions.series(
                dates: dates, stac: stacDates ? [raster.stac!] : [], baseline: raster.baseline,
                settings: raster.settings, needing: reflectance)
            request = ClassifyRequest(series: series, output: out)
        } else {
            let (inputs, masks) = try raster.setup().resolve(needing: reflectance)
            for w in inputs.warnings { Console.warn(w) }
            request = ClassifyRequest(inputs: inputs, masks: masks, output: out)
        }
        request.minObserved = minObserved
        request.trainingCRS = trainingCRS
        request.training = training.map { ParcelSource(path: $0, layer: trainingLayer) }
        request.classField = classField
        request.features = try features.map { text in
            try text.split(separator: ",").map { try Feature(parsing: $0.trimmingCharacters(in: .whitespaces)) }
        }
        request.trees = trees
        request.seed = seed
        request.folds = folds
        request.model = model
        request.modelOutput = modelOut
        request.accuracyOutput = accuracyOut
        request.probabilityOutput = probabilityOut
        request.sampleOutput = sampleOut
        request.sampleSize = sampleSize
        request.sampleMinimum = sampleMinimum
        request.validation = validation
        request.referenceField = referenceField
        request.execution = try output.execution(runOptions, label: "classify")
        request.cog = COGOptions(compression: compress)
        request.overwrite = output.force
        let result = try ClassifyJob.run(request)
        if request.series != nil { for w in result.warnings { Console.warn(w) } }
        if json {
            try Console.output(try result.json.text())
        } else if !output.quiet {
            try Console.output(Self.text(result))
        }
    }

    /// The result in words: classes and areas, the forest's accuracy, the area estimates.
    static func text(_ r: ClassifyResult) -> String {
        func f(_ v: Double?, _ digits: Int = 3) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "–" }
        var lines: [String] = []
        if let d = r.dates {
            lines.append("\(d) dates; features \(r.features.map(\.description).joined(separator: ", "))")
        }
        if let s = r.samples { lines.append("trained on \(s) cells; out-of-bag accuracy \(f(r.outOfBagAccuracy))") }
        if let cv = r.crossValidation {
            lines.append(
                "cross-validation (\(cv.foldCount) folds of whole polygons): overall accuracy \(f(cv.confusion.overallAccuracy)), kappa \(f(cv.confusion.kappa))"
            )
        }
        for (k, name) in r.classNames.enumerated() {
            var line = "\(name): mapped \(f(r.mappedHa[k], 2)) ha"
            if let cv = r.crossValidation {
                line +=
                    ", user's accuracy \(f(cv.confusion.userAccuracy(k))), producer's \(f(cv.confusion.producerAccuracy(k)))"
            }
            if let a = r.areaEstimate?.classes[k] {
                line += "; estimated \(f(a.area, 1)) ± \(f(a.areaMargin95, 1)) ha (95 %)"
            }
            lines.append(line)
        }
        lines.append("unobserved: \(f(r.unobservedHa, 2)) ha")
        if let v = r.validation {
            lines.append(
                "validation (\(Int(v.total)) labelled points): overall accuracy \(f(v.overallAccuracy)), kappa \(f(v.kappa)); the area estimates come from this sample"
            )
        } else if r.areaEstimate != nil {
            lines.append(ClassifyResult.indicative)
        }
        if let a = r.sampleAllocation {
            lines.append("sample for labelling: " + zip(r.classNames, a).map { "\($0) \($1)" }.joined(separator: ", "))
        }
        if let note = r.areaEstimateNote { lines.append(note) }
        lines.append("wrote \(r.outputs.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }
}
