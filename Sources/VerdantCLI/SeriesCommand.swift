import ArgumentParser
import Foundation
import Verdant

/// `verdant series`: per-parcel figures on every date, trends, green-cover change and disturbance alerts.
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Per-parcel time series: figures on every date, trends, green-cover change, disturbance alerts.",
        discussion: """
            The parcels are read and their exact coverage computed once, on one analysis grid (the finest of the \
            dates', or --grid/--resolution); each date is brought onto it and gets the figures `estimate` gives it.

            --out (long format, one row per parcel and date, sorted by parcel then date): parcel_id, date, \
            covered_ha, observed_ha, unobserved_fraction, cloud_fraction, nodata_fraction, masked_fraction, \
            mean_ndvi (mean_<index>), green_ha, green_fraction, with a model agb_t, agb_t_per_ha, co2e_t, \
            agb_t_filled, co2e_t_filled, then low_observed, notes. CSV, JSON or GPKG (a parcels layer beside a \
            series table) by extension.

            --summary-out (one row per parcel): parcel_id, dates, observed_dates, first_date, last_date, \
            mean_ndvi_first, mean_ndvi_last, ndvi_trend_per_year (Theil–Sen), trend_p (two-sided Mann–Kendall, \
            tie-corrected), green_ha_first, green_ha_last, green_ha_change, baseline_rmse, max_drop, alert_date, \
            with a model co2e_t_first, co2e_t_last, then notes. Observed dates are those whose observed fraction \
            is at least --min-observed.

            Alerts: per parcel, y = a + Σk (bk cos 2πkt + ck sin 2πkt) (t in years) is fitted to the observed mean \
            index over --baseline (default: the first 12 months; at least 2 × (1 + 2k) observed dates, else no \
            alert and a note), after the BFAST Monitor idea (Verbesselt et al. 2012). A later observed date is \
            anomalous when predicted − observed ≥ --drop and ≥ --sigmas × the baseline RMSE; the alert is the first \
            of --confirm consecutive anomalous observed dates.

            Examples:
              verdant series --dates dates.csv --sensor sentinel2-l2a \\
                  --parcels plots.gpkg --id-field parcel_id --model linear:-30,250 \\
                  --out series.csv --summary-out parcels.csv
              verdant series --stac items.json --sensor sentinel2-l2a \\
                  --parcels concession.geojson --baseline 2022-01-01/2022-12-31 \\
                  --out series.gpkg --report series.html
              verdant series --dates modis.csv --scale 0.0001 --valid-range -0.2,1 \\
                  --parcels farms.gpkg --out ndvi.csv
            """
    )

    @OptionGroup(title: "Dates") var dates: DateOptions
    @OptionGroup(title: "Input settings (every date)") var settings: InputSettings
    @OptionGroup(title: "Parcels") var parcelOptions: ParcelOptions
    @OptionGroup(title: "Model") var model: ModelOptions

    @OptionGroup(title: "Factors") var carbon: CarbonOptions

    @Option(
        name: .customLong("green-threshold"), parsing: .unconditional,
        help: ArgumentHelp(
            "A cell is green where its index ≥ this (default 0.4 for NDVI, above the 0.2–0.4 of shrub and grassland: Weier & Herring 2000, NASA Earth Observatory; no default for other indices).",
            valueName: "T"))
    var greenThreshold: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The seasonal model's baseline period, FROM/TO as ISO dates (default: the first 12 months).",
            valueName: "FROM/TO"))
    var baseline: String?

    @Option(name: .long, parsing: .unconditional, help: "Harmonics of the seasonal model (default 1).")
    var harmonics: Int = 1

    @Option(
        name: .long, parsing: .unconditional,
        help: "The least drop of the index below the model that is anomalous (default 0.2).")
    var drop: Double = 0.2

    @Option(
        name: .long, parsing: .unconditional,
        help: "The least drop, in baseline RMSEs, that is anomalous (default 3).")
    var sigmas: Double = 3

    @Option(
        name: .long, parsing: .unconditional,
        help: "Consecutive anomalous observed dates that raise an alert (default 2).")
    var confirm: Int = 2

    @Option(
        name: .customLong("min-observed"), parsing: .unconditional,
        help: ArgumentHelp(
            "A date counts as observed for a parcel when this fraction of it is observed (default 0.5).",
            valueName: "FRACTION"))
    var minObserved: Double = 0.5

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp(
            "The long table: FILE.csv, FILE.json or FILE.gpkg (-: CSV on standard output); with --shard, the shard's FILE.vpart.",
            valueName: "FILE"),
        completion: .files("csv", "json", "gpkg", "vpart"))
    var out: String

    @Option(
        name: .customLong("summary-out"),
        help: ArgumentHelp(
            "Also write one row per parcel (trend, green change, alert): FILE.csv, .json or .gpkg (-: CSV on standard output).",
            valueName: "FILE"), completion: .files("csv", "json", "gpkg"))
    var summaryOut: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write a self-contained HTML report (charts over time, alerts).", valueName: "FILE.html"),
        completion: .files("html"))
    var report: String?

    @Flag(name: .long, help: "Print a JSON summary (dates, alerts, warnings, outputs) on standard output.")
    var json = false

    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Run") var runOptions: RunOptions
    @OptionGroup(title: "Cluster") var shardOptions: ShardOptions

    func run() throws {
        try output.configure()
        let printed = [out, summaryOut].contains("-")
        if json && printed {
            throw VerdantError.usage("--json and a table on - both print on standard output: choose one")
        }
        if let shard = try shardOptions.parsed() {
            try ShardOptions.refuse(
                [("--summary-out", summaryOut), ("--report", report), ("--json", json ? "" : nil)],
                parcels: parcelOptions.parcels)
            let request = try self.request()
            return try ShardOptions.run(
                shard, command: Self.configuration.commandName!, out: out, quiet: output.quiet
            ) { path, arguments, folder in
                try SeriesWorkflow.runShard(
                    request, shard: shard, partial: path, overwrite: output.force, arguments: arguments,
                    workingDirectory: folder)
            }
        }
        let request = try self.request()
        let run = try SeriesWorkflow.run(
            request,
            outputs: SeriesOutputs(table: out, summary: summaryOut, report: report, overwrite: output.force))
        try Self.finish(run, json: json, printed: printed, quiet: output.quiet)
    }

    /// Prints what a run (or a merge) gave: warnings, then the summary or its JSON; throws the partial-result
    /// error when the result is partial.
    static func finish(_ run: SeriesRun, json: Bool, printed: Bool, quiet: Bool) throws {
        for w in run.report.warnings { Console.warn(w) }
        if json {
            try Console.output(try run.summary.text())
        } else if !quiet && !printed {
            let alerts = run.report.trends.filter { $0.alertDate != nil }.count
            try Console.output(
                "\(run.report.dates.count) dates × \(run.report.trends.count) parcels; \(alerts) alert(s)\nwrote \(run.outputs.joined(separator: ", "))"
            )
        }
        if let partial = run.partialError { throw partial }
    }

    /// The request the options make.
    func request() throws -> SeriesRequest {
        let biomass: BiomassModel? =
            model.model == nil && model.modelFile == nil ? nil : try model.biomassModel()
        let index = try biomass?.index ?? model.index.with(saviL: model.saviL)
        let series = try dates.series(settings, needing: index.roles + [index.bandRole])
        var request = SeriesRequest(series: series, parcels: try parcelOptions.source(), model: biomass)
        request.index = index
        request.factorChoice = try carbon.choice()
        request.classField = carbon.factorOptions.classField
        request.minObserved = minObserved
        request.greenThreshold = greenThreshold
        request.baseline = try baseline.map(SeriesRequest.parseBaseline)
        request.harmonics = harmonics
        request.drop = drop
        request.sigmas = sigmas
        request.confirm = confirm
        request.execution = try output.execution(runOptions, label: "series")
        return request
    }
}
