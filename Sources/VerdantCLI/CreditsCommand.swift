import ArgumentParser
import Foundation
import Verdant

/// The rasters of the two dates of `verdant credits` (t0 baseline, t1 monitoring).
struct DateInputs: ParsableArguments {
    @Option(
        name: .customLong("t0-raster"),
        help: ArgumentHelp("A stacked raster of the baseline date (repeat for tiles).", valueName: "FILE"),
        completion: .rasterFile)
    var t0Raster: [String] = []
    @Option(
        name: .customLong("t0-band"),
        help: ArgumentHelp("A band of the baseline date from its own file.", valueName: "ROLE=FILE[:BAND]"))
    var t0Band: [String] = []
    @Option(
        name: .customLong("t0-stac"), help: ArgumentHelp("A STAC item of the baseline date.", valueName: "ITEM.json"),
        completion: .jsonFile)
    var t0Stac: String?
    @Option(
        name: .customLong("t0-scene"),
        help: ArgumentHelp("A product folder of the baseline date.", valueName: "FOLDER"), completion: .sceneFile)
    var t0Scene: String?
    @Option(
        name: .customLong("t0-s2-baseline"),
        help: ArgumentHelp("Sentinel-2 processing baseline of the baseline date's product.", valueName: "NN.NN"))
    var t0S2Baseline: String?
    @Option(
        name: .customLong("t1-raster"),
        help: ArgumentHelp("A stacked raster of the monitoring date (repeat for tiles).", valueName: "FILE"),
        completion: .rasterFile)
    var t1Raster: [String] = []
    @Option(
        name: .customLong("t1-band"),
        help: ArgumentHelp("A band of the monitoring date from its own file.", valueName: "ROLE=FILE[:BAND]"))
    var t1Band: [String] = []
    @Option(
        name: .customLong("t1-stac"), help: ArgumentHelp("A STAC item of the monitoring date.", valueName: "ITEM.json"),
        completion: .jsonFile)
    var t1Stac: String?
    @Option(
        name: .customLong("t1-scene"),
        help: ArgumentHelp("A product folder of the monitoring date.", valueName: "FOLDER"), completion: .sceneFile)
    var t1Scene: String?
    @Option(
        name: .customLong("t1-s2-baseline"),
        help: ArgumentHelp("Sentinel-2 processing baseline of the monitoring date's product.", valueName: "NN.NN"))
    var t1S2Baseline: String?

    /// The shared setup with the inputs of date 0 or 1.
    func setup(date: Int, from shared: SensorSetup) throws -> SensorSetup {
        var s = shared
        s.rasters = date == 0 ? t0Raster : t1Raster
        s.assignments = try (date == 0 ? t0Band : t1Band).map(BandAssignment.init(parsing:))
        s.stac = date == 0 ? t0Stac : t1Stac
        s.scene = date == 0 ? t0Scene : t1Scene
        s.baseline = (date == 0 ? t0S2Baseline : t1S2Baseline) ?? shared.baseline
        return s
    }
}

/// `verdant credits`: the change in carbon stock between two dates, with baseline, leakage, uncertainty
/// deduction and buffer.
struct CreditsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credits",
        abstract:
            "Estimate net removals (tCO2e, before verification) between a baseline date (t0) and a monitoring date (t1).",
        discussion: """
            Per parcel and in total: ΔCO2e = project stock change − its uncertainty deduction (CDM AR-TOOL14: 0/25/50/75/100 % \
            of the 90 % half-width for U ≤ 10/15/20/30/> 30 %) − baseline (a given change per ha, or the change of control \
            parcels, plus its deduction) − leakage (%) − a non-permanence buffer (%). Stocks are gap-filled (observed density \
            × parcel area); parcels observed under --min-observed at either date earn nothing. Each date has its own rasters and \
            grid; coverage is computed once per grid. Every factor, model, parameter and input file (SHA-256) is echoed in the \
            JSON output. Intervals need a calibrated model (--model-file).

            Examples:
              verdant credits --sensor sentinel2-l2a --t0-raster 2020.tif \\
                  --t0-band scl=2020_SCL.tif --t1-raster 2024.tif \\
                  --t1-band scl=2024_SCL.tif --parcels plots.gpkg --id-field parcel_id \\
                  --model-file model.json --factors tver --class general-trees \\
                  --leakage 5 --buffer 10 --out credits.json
              verdant credits --t0-raster a.tif --t1-raster b.tif --red 3 --nir 4 \\
                  --scale 0.0001 --offset -0.1 --parcels p.geojson --control-field role \\
                  --control-value control --model linear:-30,250 --out -
            """
    )

    @OptionGroup(title: "Shared input settings (sensor, scaling, masks; not --raster/--band)") var shared: RasterOptions
    @OptionGroup(title: "Dates") var dates: DateInputs
    @OptionGroup(title: "Model") var model: ModelOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Parcel polygons (the same at both dates); - reads GeoJSON from standard input.", valueName: "FILE"),
        completion: .vectorFile)
    var parcels: String

    @Option(name: .long, help: ArgumentHelp("The layer of --parcels.", valueName: "L"))
    var layer: String?

    @Option(name: .customLong("id-field"), help: ArgumentHelp("The attribute holding the parcel id.", valueName: "F"))
    var idField: String?

    @OptionGroup(title: "Factors") var factorOptions: FactorOptions

    @Option(
        name: .customLong("baseline-removals"), parsing: .unconditional,
        help: ArgumentHelp("The baseline change, tCO2e per ha over the period (default 0).", valueName: "T"))
    var baselineRemovals: Double?

    @Option(
        name: .customLong("control-field"),
        help: ArgumentHelp("The attribute marking control parcels (baseline from their change).", valueName: "F"))
    var controlField: String?

    @Option(
        name: .customLong("control-value"), parsing: .unconditional,
        help: ArgumentHelp("The value of --control-field that marks a control parcel.", valueName: "V"))
    var controlValue: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Leakage, % of the net change (default 0).", valueName: "PCT"))
    var leakage: Double = 0

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Non-permanence buffer, % (default 0).", valueName: "PCT"))
    var buffer: Double = 0

    @Option(
        name: .customLong("min-observed"), parsing: .unconditional,
        help: ArgumentHelp(
            "Parcels observed under this fraction at either date earn nothing (default 0.5).", valueName: "FRACTION"))
    var minObserved: Double = 0.5

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp(
            "Output: FILE.json, FILE.csv, or - for CSV on standard output; with --shard, the shard's FILE.vpart.",
            valueName: "FILE"),
        completion: .files("json", "csv", "vpart"))
    var out: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write a self-contained HTML report (the waterfall from stock change to net removals).",
            valueName: "FILE.html"),
        completion: .file(extensions: ["html"]))
    var report: String?

    @OptionGroup(title: "Report") var reportOptions: ReportOptions

    @OptionGroup(title: "Output") var output: OutputOptions

    @OptionGroup(title: "Run") var runOptions: RunOptions

    @OptionGroup(title: "Cluster") var shardOptions: ShardOptions

    func run() throws {
        try output.configure()
        if let shard = try shardOptions.parsed() {
            try ShardOptions.refuse([("--report", report), ("--pdf", reportOptions.pdf)], parcels: parcels)
            let (request, _) = try self.request()
            return try ShardOptions.run(
                shard, command: Self.configuration.commandName!, out: out, quiet: output.quiet
            ) { path, arguments, folder in
                try PartialFile.run(
                    command: Self.configuration.commandName!, shard: shard, to: path, inputs: Self.inputs(request),
                    overwrite: output.force, arguments: arguments, workingDirectory: folder
                ) { try CreditsJob.runShard(request, shard: shard) }
            }
        }
        let (request, extraFiles) = try self.request()
        let inputs = Self.inputs(request)
        try Self.check(out: out, pages: [report, reportOptions.pdf], inputs: inputs, force: output.force)
        // Every output is published together by the run's publication (VerdantCommand), after the summary.
        let result = try CreditsJob.run(request, extraFiles: extraFiles)
        try Self.write(
            result, out: out, report: report, cover: reportOptions, inputs: inputs, force: output.force,
            quiet: output.quiet)
    }

    /// The request the options make, and the model and factor files whose checksums the report records.
    func request() throws -> (CreditsRequest, [String]) {
        let parcelPath = try StandardInput.path(parcels)
        guard shared.raster.isEmpty, shared.band.isEmpty, shared.stac == nil, shared.scene == nil else {
            throw VerdantError.usage(
                "credits takes each date's rasters with --t0-… and --t1-… (--t0-raster, --t0-band, --t0-stac, --t0-scene)"
            )
        }
        let biomass = try model.biomassModel()
        let spectral = biomass.index
        let base = try shared.setup()
        func request(_ date: Int, _ name: String) throws -> EstimateRequest {
            let setup = try dates.setup(date: date, from: base)
            guard !setup.rasters.isEmpty || !setup.assignments.isEmpty || setup.stac != nil || setup.scene != nil else {
                throw VerdantError.usage(
                    "no rasters for \(name): give --\(name)-raster, --\(name)-band, --\(name)-stac or --\(name)-scene")
            }
            let (inputs, masks) = try setup.resolve(needing: spectral.roles)
            for w in inputs.warnings { Console.warn("\(name): \(w)") }
            var r = EstimateRequest(
                inputs: inputs,
                parcels: ParcelSource(
                    path: parcelPath, layer: layer, idField: idField,
                    assumedCRS: nil),
                model: biomass, masks: masks, minObserved: minObserved, execution: try runOptions.execution())
            try factorOptions.apply(to: &r)
            return r
        }
        let r0 = try request(0, "t0"), r1 = try request(1, "t1")
        let baseline: CreditsRequest.Baseline
        switch (baselineRemovals, controlField, controlValue) {
        case (nil, nil, nil): baseline = .perHectare(0)
        case (let v?, nil, nil): baseline = .perHectare(v)
        case (nil, let f?, let v?): baseline = .controlParcels(field: f, value: v)
        default:
            throw VerdantError.usage("give either --baseline-removals T or --control-field F with --control-value V")
        }
        let extraFiles = [model.modelFile, factorOptions.factors].compactMap { $0 }.filter {
            FileManager.default.fileExists(atPath: $0)
        }
        return (
            CreditsRequest(t0: r0, t1: r1, baseline: baseline, leakagePct: leakage, bufferPct: buffer), extraFiles
        )
    }

    /// The input files of a request (never written over).
    static func inputs(_ request: CreditsRequest) -> [String] {
        request.t0.inputs.bands.values.flatMap(\.paths) + request.t1.inputs.bands.values.flatMap(\.paths) + [
            request.t0.parcels.path
        ]
    }

    /// Checks the outputs before any work: the table `out` (and its `.csvt`), and the report pages.
    static func check(out: String, pages given: [String?], inputs: [String], force: Bool) throws {
        if out != "-" {
            let lower = out.lowercased()
            guard lower.hasSuffix(".json") || lower.hasSuffix(".csv") else {
                throw VerdantError.usage(
                    "--out \(out): the extension must be .json or .csv (or - for CSV on standard output)")
            }
            _ = try OutputPath(out, inputs: inputs, overwrite: force)
            // The column types beside a CSV (its `.csvt`), refused before any work when it exists.
            if lower.hasSuffix(".csv") {
                _ = try OutputPath(CSVReport.csvtPath(beside: out), inputs: inputs, overwrite: force)
            }
        }
        let pages = given.compactMap { $0 }
        if Set(pages + [out]).count != pages.count + 1 {
            throw VerdantError.usage("--out, --report and --pdf must be different files")
        }
        for page in pages { _ = try OutputPath(page, inputs: inputs, overwrite: force) }
        if given.count > 1, given[1] != nil { _ = try PDFRenderer.chromium() }
    }

    /// Writes the table, the report and its PDF, and prints the summary.
    static func write(
        _ report: CreditsReport, out: String, report page: String?, cover: ReportOptions, inputs: [String],
        force: Bool, quiet: Bool
    ) throws {
        try CreditsReportWriter.write(report, to: out, inputs: inputs, overwrite: force)
        let html = CreditsHTMLReport.html(report, heading: cover.heading)
        if let path = page {
            try OutputPath(path, inputs: inputs, overwrite: force).write(Data(html.utf8))
        }
        if let pdf = cover.pdf {
            try OutputPath(pdf, inputs: inputs, overwrite: force).write(try PDFRenderer.pdf(of: html))
        }
        if out != "-" && !quiet {
            let t = report.total
            func f(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "n/a" }
            try Console.output(
                """
                project change:       \(f(t.projectChange)) tCO2e (t0 \(f(t.co2eT0)), t1 \(f(t.co2eT1)))
                90 % half-width:      \(f(t.changeHalfWidth90)) tCO2e (U = \(f(t.uncertaintyPct)) %)
                uncertainty deduction:\(f(t.projectDeduction)) tCO2e
                baseline:             \(f(t.baselineChange)) tCO2e
                leakage:              \(f(t.leakage)) tCO2e
                buffer:               \(f(t.buffer)) tCO2e
                \(CreditsReport.label): \(f(t.netRemovals))
                wrote: \(out)
                """)
        }
    }
}
