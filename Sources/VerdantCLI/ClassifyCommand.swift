import ArgumentParser
import Foundation
import Verdant

/// `verdant classify`: a land-cover map from training polygons with a random forest, its accuracy and areas.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Map land cover with a random forest trained on polygons; assess accuracy; estimate class areas.",
        discussion: """
            Training samples are the observed cells whose centre lies inside a training polygon (any CRS), with the
            polygon's class. The forest (Breiman 2001): CART trees on bootstrap samples, Gini impurity, √(features)
            candidates per split, majority vote; deterministic for a seed and any thread count. Accuracy by
            cross-validation with folds of whole polygons (neighbouring cells are near-duplicates): confusion matrix
            (rows reference, columns map), overall accuracy, kappa, user's and producer's accuracy, F1; and the
            Olofsson et al. (2014) stratified area estimates with standard errors and 95 % intervals — indicative,
            since training polygons are not a probability sample.

            The map is a COG (Byte; UInt16 beyond 254 classes): 0 unobserved (masked, nodata), class k is k + 1, with
            a colour table, class names in FILE.tif.aux.xml (category names and attribute table) and a QGIS style
            FILE.qml beside it. --model applies a saved forest to another raster or date without retraining (its
            features, bands and scaling are checked against the input).

            Examples:
              verdant classify --raster L5.tif --sensor landsat-tm-c2-l2 --scale 1 --training polygons.gpkg \\
                  --class-field class --out classes.tif --model-out forest.json --accuracy-out accuracy.json
              verdant classify --raster L5-1990.tif --sensor landsat-tm-c2-l2 --scale 1 --model forest.json --out classes-1990.tif
              verdant estimate --raster S2.tif --sensor sentinel2-l2a --classes classes.tif --parcels plots.gpkg --out plots.csv
            """
    )

    @OptionGroup(title: "Input") var raster: RasterOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Training polygons: any vector GDAL reads, in any CRS.", valueName: "FILE"))
    var training: String?

    @Option(name: .customLong("training-layer"), help: ArgumentHelp("The layer of --training.", valueName: "L"))
    var trainingLayer: String?

    @Option(
        name: .customLong("class-field"),
        help: ArgumentHelp("The attribute of the training polygons holding their class.", valueName: "F"))
    var classField: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Features, comma-separated: bands (red, nir, swir1, …) and indices (ndvi, evi, …); default every reflectance band present and NDVI.",
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
        help: ArgumentHelp("Apply this forest model (from --model-out) instead of training.", valueName: "FILE.json"))
    var model: String?

    @Option(name: .long, help: ArgumentHelp("The class map (a COG).", valueName: "FILE.tif"))
    var out: String

    @Option(
        name: .customLong("model-out"), help: ArgumentHelp("Also write the trained forest.", valueName: "FILE.json"))
    var modelOut: String?

    @Option(
        name: .customLong("accuracy-out"),
        help: ArgumentHelp("Also write the accuracy assessment and area estimates.", valueName: "FILE.json"))
    var accuracyOut: String?

    @Option(
        name: .customLong("probability-out"),
        help: ArgumentHelp("Also write the share of votes of the winning class (Float32 COG).", valueName: "FILE.tif"))
    var probabilityOut: String?

    @Option(
        name: .customLong("sample-out"),
        help: ArgumentHelp(
            "Also write a stratified random sample of map cells (GeoPackage points, an empty reference field) to label for area estimates (with --sample-size).",
            valueName: "FILE.gpkg"))
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
            valueName: "FILE"))
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
        let (inputs, masks) = try raster.setup().resolve(needing: BandRole.known.filter { $0.kind == .reflectance })
        for w in inputs.warnings { Console.warn(w) }
        var request = ClassifyRequest(inputs: inputs, masks: masks, output: out)
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
