import ArgumentParser
import Foundation
import Verdant

/// `verdant estimate`: per-parcel area, NDVI, biomass, carbon and CO2e.
struct EstimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Sum biomass, carbon and CO2e per parcel, with exact cell coverage.",
        discussion: """
            Every cell a parcel touches counts with the exact fraction of its area inside the parcel. Columns: \
            parcel_id, the parcel's attributes, parcel_ha, covered_ha, observed_ha, unobserved_fraction, mean_ndvi, \
            agb_t, agb_t_per_ha, carbon_t, co2e_t, then cloud_fraction, nodata_fraction, masked_fraction, \
            mean_<index> (models of an index other than NDVI), agb_t_filled, co2e_t_filled, low_observed, \
            factor_class, root_shoot, carbon_fraction, agb_t_lo90, agb_t_hi90, co2e_t_lo90, co2e_t_hi90, \
            uncertainty_pct, green_ha, green_fraction, and notes last. carbon_t = agb_t × (1 + R) × CF; \
            co2e_t = carbon_t × 44/12. green_ha is the observed area (coverage × cell area) of cells whose index is at \
            least --green-threshold (default 0.4 for NDVI, after NASA Earth Observatory, Weier & Herring 2000: \
            about 0.2 to 0.4 is shrub and grassland, higher denser green vegetation; no default for other indices, \
            whose green columns are then empty); green_fraction = green_ha / observed_ha. \
            The format follows the extension of --out: .csv, .json (with totals and run metadata), .geojson, .gpkg \
            (geometry in the parcels' own CRS); --out - prints CSV.

            Examples:
              verdant estimate --raster S2.tif --red B04 --nir B08 --scale 0.0001 \\
                  --offset -0.1 --parcels parcels.geojson --id-field parcel_id \\
                  --model linear:-30,250 --out parcels.csv
              verdant estimate --band red=B04.tif --band nir=B08.tif --scale 0.0001 \\
                  --offset -0.1 --parcels farms.gpkg --layer plots --root-shoot 0.27 \\
                  --carbon-fraction 0.47 --out result.gpkg
              verdant estimate --sensor sentinel2-l2a --raster T47PQR.tif \\
                  --band scl=SCL_20m.tif --parcels plots.geojson --model linear:-30,250 \\
                  --min-observed 0.7 --out plots.csv
            """
    )

    @OptionGroup(title: "Input") var raster: RasterOptions

    @OptionGroup(title: "Parcels") var parcelOptions: ParcelOptions

    @OptionGroup(title: "Model") var model: ModelOptions

    @OptionGroup(title: "Factors") var carbon: CarbonOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A land-cover map (e.g. from `verdant classify`): the area of every class per parcel, as class_<name>_ha columns (same as --band class=FILE).",
            valueName: "FILE[:BAND]"), completion: .rasterFile)
    var classes: String?

    @Option(
        name: .customLong("green-classes"),
        help: ArgumentHelp(
            "Green cover from the land-cover map: these classes (names or values, comma-separated) are green, instead of an index threshold.",
            valueName: "LIST"))
    var greenClasses: String?

    @Flag(
        name: .customLong("class-raster"),
        help:
            "With --factors and --classes: carbon factors per cell from its land-cover class (the map's class names as the set's classes), so a parcel mixing forest types is summed class by class."
    )
    var classRaster = false

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp(
            "Output: FILE.csv, FILE.json, FILE.geojson, FILE.gpkg, or - for CSV on standard output; with --shard, the shard's FILE.vpart.",
            valueName: "FILE"),
        completion: .files("csv", "json", "geojson", "gpkg", "vpart"))
    var out: String

    @Option(
        name: .customLong("min-observed"), parsing: .unconditional,
        help: ArgumentHelp(
            "Flag parcels observed under this fraction (low_observed; default 0.5).", valueName: "FRACTION"))
    var minObserved: Double = 0.5

    @Option(
        name: .customLong("green-threshold"), parsing: .unconditional,
        help: ArgumentHelp(
            "Green cover: a cell is green where the model's index is at least this (green_ha, green_fraction). Default 0.4 for NDVI, above the shrub and grassland range of about 0.2 to 0.4 (NASA Earth Observatory, Weier & Herring 2000, Measuring Vegetation); other indices have no default: without this their green columns are empty.",
            valueName: "X"))
    var greenThreshold: Double?

    @Option(
        name: .long,
        help: ArgumentHelp("90 % intervals (with --model-file): analytic or montecarlo.", valueName: "METHOD"))
    var uncertainty: UncertaintyOptions.Method = .analytic

    @Option(name: .long, parsing: .unconditional, help: "Monte Carlo draws (default 2000).")
    var draws: Int = 2000

    @Option(name: .long, parsing: .unconditional, help: "Monte Carlo seed (default 42).")
    var seed: UInt64 = 42

    @OptionGroup var extras: EstimateExtras

    @OptionGroup(title: "Report") var reportOptions: ReportOptions

    @OptionGroup(title: "Output") var output: OutputOptions

    @OptionGroup(title: "Run") var runOptions: RunOptions

    @OptionGroup(title: "Cluster") var shardOptions: ShardOptions

    func run() throws {
        try output.configure()
        try extras.check(out: out)
        if let shard = try shardOptions.parsed() { return try runShard(shard) }
        let request = try self.request()
        let outputs = extras.outputs(table: out, report: reportOptions, overwrite: output.force)
        try Self.finish(
            try EstimateWorkflow.run(request, outputs: outputs), shown: request.inputs.warnings, json: extras.json,
            out: out, quiet: output.quiet)
    }

    /// Prints what a run (or a merge) gave: warnings, parcels' notes, then the summary or its JSON; throws the
    /// partial-result error when the result is partial. Warnings in `shown` were shown already.
    static func finish(_ run: EstimateRun, shown: [String], json: Bool, out: String, quiet: Bool) throws {
        let result = run.report
        for w in result.metadata.warnings where !shown.contains(w) { Console.warn(w) }
        for row in result.rows where !row.notes.isEmpty {
            Console.note("parcel \(row.parcelID): \(row.notes.joined(separator: "; "))")
        }
        Console.debug(
            "phases: "
                + result.metadata.phases.map { "\($0.0) \(String(format: "%.3f", $0.1)) s" }.joined(separator: ", "))
        if json {
            try Console.output(try run.summary.text())
        } else if out != "-" && !quiet {
            try Console.output(SummaryText.text(result, out: out))
        }
        if let partial = run.partialError { throw partial }
    }

    /// One shard: its partial only.
    private func runShard(_ shard: Shard) throws {
        try ShardOptions.refuse(
            [
                ("--report", extras.report), ("--summary", extras.summary), ("--quicklook", extras.quicklook),
                ("--pdf", reportOptions.pdf), ("--json", extras.json ? "" : nil)
            ], parcels: parcelOptions.parcels)
        let request = try self.request()
        try ShardOptions.run(
            shard, command: Self.configuration.commandName!, out: out, quiet: output.quiet
        ) { path, arguments, folder in
            try EstimateWorkflow.runShard(
                request, shard: shard, partial: path, forReport: shardOptions.forReport, overwrite: output.force,
                arguments: arguments, workingDirectory: folder)
        }
    }

    /// The request the options make.
    func request() throws -> EstimateRequest {
        let biomass = try model.biomassModel()
        let resolved = try raster.resolve(for: biomass)
        var inputs = resolved.inputs
        let masks = resolved.masks
        if let classes { inputs.bands[.landCover] = try BandSource(parsing: classes) }
        var request = EstimateRequest(
            inputs: inputs,
            parcels: try parcelOptions.source(),
            model: biomass, masks: masks, minObserved: minObserved,
            execution: try output.execution(runOptions, label: "estimate"))
        request.factorChoice = try carbon.choice()
        request.classField = carbon.factorOptions.classField
        request.greenClasses = greenClasses.map { $0.split(separator: ",").map(String.init) }
        request.factorsByClassBand = classRaster
        request.uncertainty = UncertaintyOptions(method: uncertainty, draws: draws, seed: seed)
        request.greenThreshold = greenThreshold
        return request
    }
}
