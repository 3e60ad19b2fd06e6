import ArgumentParser
import Foundation
import Verdant

/// `verdant estimate`: per-parcel area, NDVI, biomass, carbon and CO2e.
struct EstimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Sum biomass, carbon and CO2e per parcel, with exact cell coverage.",
        discussion: """
        Every cell a parcel touches counts with the exact fraction of its area inside the parcel. Columns:
        parcel_id, the parcel's attributes, parcel_ha, covered_ha, observed_ha, unobserved_fraction, mean_ndvi,
        agb_t, agb_t_per_ha, carbon_t, co2e_t, notes. carbon_t = agb_t × (1 + R) × CF; co2e_t = carbon_t × 44/12.
        The format follows the extension of --out: .csv, .json (with totals and run metadata), .geojson, .gpkg
        (geometry in the parcels' own CRS); --out - prints CSV.

        Examples:
          verdant estimate --raster S2.tif --red B04 --nir B08 --scale 0.0001 --offset -0.1 \\
              --parcels parcels.geojson --id-field parcel_id --model linear:-30,250 --out parcels.csv
          verdant estimate --band red=B04.tif --band nir=B08.tif --scale 0.0001 --offset -0.1 --parcels farms.gpkg --layer plots \\
              --root-shoot 0.27 --carbon-fraction 0.47 --out result.gpkg
          verdant estimate --sensor sentinel2-l2a --raster T47PQR.tif --band scl=SCL_20m.tif \\
              --parcels plots.geojson --model linear:-30,250 --min-observed 0.7 --out plots.csv
        """
    )

    @OptionGroup(title: "Input") var raster: RasterOptions

    @Option(name: .long, help: ArgumentHelp("Parcel polygons: any vector GDAL reads (GeoJSON, GeoPackage, Shapefile, FlatGeobuf).", valueName: "FILE"))
    var parcels: String

    @Option(name: .long, help: ArgumentHelp("The layer of --parcels, when the file has several.", valueName: "L"))
    var layer: String?

    @Option(name: .customLong("id-field"), help: ArgumentHelp("The attribute holding the parcel id (default: the feature id).", valueName: "F"))
    var idField: String?

    @Option(name: .customLong("assume-parcels-crs"), help: ArgumentHelp("CRS to assume for parcels that have none, e.g. EPSG:4326.", valueName: "CRS"))
    var assumeParcelsCRS: String?

    @OptionGroup(title: "Model") var model: ModelOptions

    @Option(name: .customLong("root-shoot"), parsing: .unconditional, help: ArgumentHelp("Root-to-shoot ratio R (default 0: above-ground only), or mokany for R = e^(−1.085 + 0.9256 ln b)/b of each parcel's AGB b (t/ha).", valueName: "R"))
    var rootShoot: String = "0"



    @OptionGroup(title: "Factors") var factorOptions: FactorOptions

    @Option(name: .customLong("carbon-fraction"), parsing: .unconditional, help: ArgumentHelp("Carbon fraction of dry matter CF (default 0.47, IPCC 2006 Vol. 4 Table 4.3).", valueName: "CF"))
    var carbonFraction: Double = 0.47

    @Option(name: .long, help: ArgumentHelp("Output: FILE.csv, FILE.json, FILE.geojson, FILE.gpkg, or - for CSV on standard output.", valueName: "FILE"))
    var out: String

    @Option(name: .customLong("min-observed"), parsing: .unconditional, help: ArgumentHelp("Flag parcels observed under this fraction (low_observed; default 0.5).", valueName: "FRACTION"))
    var minObserved: Double = 0.5

    @Option(name: .long, help: ArgumentHelp("90 % intervals (with --model-file): analytic or montecarlo.", valueName: "METHOD"))
    var uncertainty: String = "analytic"

    @Option(name: .long, parsing: .unconditional, help: "Monte Carlo draws (default 2000).")
    var draws: Int = 2000

    @Option(name: .long, parsing: .unconditional, help: "Monte Carlo seed (default 42).")
    var seed: UInt64 = 42

    @Option(name: .long, help: ArgumentHelp("Also write a self-contained HTML report (table, totals, sources, checksums).", valueName: "FILE.html"))
    var report: String?

    @Option(name: .long, help: ArgumentHelp("Also write a Markdown summary (for CI systems that show Markdown).", valueName: "FILE.md"))
    var summary: String?

    @Option(name: .long, help: ArgumentHelp("Also write a PNG quicklook of NDVI with the parcels outlined (embedded in --report too).", valueName: "FILE.png"))
    var quicklook: String?

    @Flag(name: .long, help: "Print a JSON summary (totals, outputs, warnings, flags) on standard output.")
    var json = false

    @Option(name: .customLong("fail-on-unobserved"), parsing: .unconditional, help: ArgumentHelp("Exit 3 (outputs still written) when the total unobserved fraction exceeds this.", valueName: "FRACTION"))
    var failOnUnobserved: Double?

    @OptionGroup(title: "Output") var output: OutputOptions

    @OptionGroup(title: "Run") var runOptions: RunOptions

    func run() throws {
        try output.configure()
        if json && out == "-" { throw VerdantError.usage("--json and --out - both print on standard output: choose one") }
        if let f = failOnUnobserved, !(f.isFinite && (0...1).contains(f)) {
            throw VerdantError.usage("--fail-on-unobserved must be a fraction between 0 and 1 (got \(f))")
        }
        let biomass = try model.biomassModel()
        let (inputs, masks) = try raster.resolve(for: biomass)
        let protected = inputs.bands.values.flatMap(\.paths) + [parcels]
        try ReportWriter.check(out, inputs: protected, overwrite: output.force)
        let extras = try [report, summary, quicklook].compactMap { $0 }.map { try OutputPath($0, inputs: protected, overwrite: output.force) }
        if Set(extras.map(\.path) + [out]).count != extras.count + 1 { throw VerdantError.usage("--out, --report and --summary must be different files") }
        var fixed = CarbonFactors.ipccDefault
        var factorSet = try factorOptions.factors.map { try FactorCatalog.load($0) }
        var factorClass = factorOptions.factorClass
        if rootShoot.lowercased() == "mokany" {
            guard factorSet == nil else { throw VerdantError.usage("--root-shoot mokany and --factors exclude each other (the ipcc-2006 set has a class 'mokany')") }
            var set = FactorCatalog.builtIn().first { $0.name == "ipcc-2006" }!
            set.classes["mokany"]?.carbonFraction = FactorSet.Value(value: carbonFraction, source: carbonFraction == 0.47 ? "IPCC 2006 Vol. 4 Table 4.3: 0.47" : "--carbon-fraction \(carbonFraction)")
            factorSet = set
            factorClass = "mokany"
        } else {
            guard let r = Double(rootShoot) else { throw VerdantError.usage("--root-shoot must be a number or mokany (got '\(rootShoot)')") }
            if r != fixed.rootShoot || carbonFraction != fixed.carbonFraction {
                fixed = CarbonFactors(rootShoot: r, carbonFraction: carbonFraction,
                                      source: "given on the command line (--root-shoot \(r), --carbon-fraction \(carbonFraction))")
            }
        }
        var request = EstimateRequest(
            inputs: inputs,
            parcels: ParcelSource(path: parcels, layer: layer, idField: idField, assumedCRS: assumeParcelsCRS),
            model: biomass, factors: fixed, masks: masks, minObserved: minObserved,
            execution: try output.execution(runOptions, label: "estimate"))
        guard let method = UncertaintyOptions.Method(rawValue: uncertainty.lowercased()) else {
            throw VerdantError.usage("--uncertainty must be analytic or montecarlo (got '\(uncertainty)')")
        }
        request.uncertainty = UncertaintyOptions(method: method, draws: draws, seed: seed)
        request.factorSet = factorSet
        request.classField = factorOptions.classField
        request.factorClass = factorClass
        // The quicklook's NDVI picture comes from the estimate's own tile pass.
        if quicklook != nil || report != nil { request.ndviPictureSize = 800 }
        // The report's input checksums are computed while the estimate runs.
        let digests = report == nil ? nil : FileDigests(protected)
        let result = try EstimateJob.run(request)
        for w in result.metadata.warnings where !inputs.warnings.contains(w) { Console.warn(w) }
        for row in result.rows where !row.notes.isEmpty {
            Console.note("parcel \(row.parcelID): \(row.notes.joined(separator: "; "))")
        }
        Console.debug("phases: " + result.metadata.phases.map { "\($0.0) \(String(format: "%.3f", $0.1)) s" }.joined(separator: ", "))
        try ReportWriter.write(result, to: out, inputs: protected, overwrite: output.force)
        var picture: Data?
        if quicklook != nil || report != nil {
            // NDVI of the scene at picture size (from the estimate's tile pass), drawn with the parcels outlined.
            let scratch = NSTemporaryDirectory() + "verdant-quicklook-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            TemporaryFiles.note(scratch)
            defer { TemporaryFiles.remove(scratch) }
            let ndvi = try result.ndviPicture ?? QuicklookRaster.ndvi(inputs: inputs, masks: masks, execution: try runOptions.execution())
            try ndvi.write(to: scratch + "/ndvi.tif")
            let png = quicklook ?? scratch + "/quicklook.png"
            // A quicklook only for the report is a scratch file, written at once; the user's is published with the rest.
            let publication = quicklook == nil ? nil : Publication.current
            try Publication.$current.withValue(publication) {
                try Quicklook.write(raster: scratch + "/ndvi.tif", parcels: result.parcels.parcels.map(\.geometry), label: "NDVI",
                                    unit: "", to: try OutputPath(png, inputs: protected, overwrite: output.force))
            }
            picture = FileManager.default.contents(atPath: Publication.current?.readablePath(png) ?? png)
        }
        if let report {
            let checksums = digests?.wait() ?? [:]
            try OutputPath(report, inputs: protected, overwrite: output.force)
                .write(Data(HTMLReport.html(result, quicklookPNG: picture, checksums: checksums).utf8))
        }
        if let summary {
            try OutputPath(summary, inputs: protected, overwrite: output.force).write(Data(MarkdownSummary.text(result).utf8))
        }
        let failed = result.rows.filter(\.failed).map(\.parcelID)
        let unobserved = result.totals.unobservedFraction ?? 0
        var problems = result.problems
        if let f = failOnUnobserved, unobserved > f {
            problems.append(String(format: "%.1f %% of the parcels' area is unobserved, over --fail-on-unobserved %.1f %%", unobserved * 100, f * 100))
        }
        if json {
            var o: [String: JSONValue] = [:]
            if case .object(let full) = JSONReport.value(result) { o["totals"] = full["totals"]; o["warnings"] = full["warnings"] }
            o["outputs"] = .array(([out] + [report, summary, quicklook].compactMap { $0 }).map { .string($0) })
            o["failed_parcels"] = .array(failed.map { .string($0) })
            o["outside_parcels"] = .array(result.rows.filter(\.outsideRaster).map { .string($0.parcelID) })
            o["low_observed_parcels"] = .array(result.rows.filter(\.lowObserved).map { .string($0.parcelID) })
            o["exit_code"] = .integer(problems.isEmpty ? 0 : 3)
            try Console.output(try JSONValue.object(o).text())
        } else if out != "-" && !output.quiet {
            try Console.output(SummaryText.text(result, out: out))
        }
        if !problems.isEmpty { throw VerdantError.partial(problems.joined(separator: "; ") + "; the outputs were written and flag it") }
    }
}
