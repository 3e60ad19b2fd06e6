import ArgumentParser
import Foundation
import Verdant

/// `verdant calibrate`: fit a biomass model to field plots.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit an AGB model (linear, exponential, power) to field plots; write a model file for --model-file.",
        discussion: """
            Each plot's index is the exact-coverage, area-weighted mean over the plot (a circle of radius_m around lon/lat, \
            or a polygon), with the same sensors, masks and grids as estimate; plots observed under --min-observed are left \
            out. Fits: linear (least squares), exponential (log-linear and non-linear least squares), power (log-log and \
            non-linear). Reports n, coefficients with standard errors, R², RMSE, bias and leave-one-out RMSE, and picks the \
            lowest leave-one-out RMSE unless --form says. Fewer than 6 usable plots is an error.

            Examples:
              verdant calibrate --sensor sentinel2-l2a --raster S2.tif \\
                  --band scl=SCL.tif --plots plots.csv --out model.json
              verdant calibrate --raster drone.tif --red 3 --nir 5 --plots plots.gpkg \\
                  --id-column tree_plot --agb-column agb --form power --out model.json
            """
    )

    @OptionGroup(title: "Input") var raster: RasterOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Field plots: a CSV (plot_id, lon, lat, radius_m, agb_t_ha[, date]) or polygons in any vector GDAL reads.",
            valueName: "FILE"), completion: .vectorOrCSVFile)
    var plots: String

    @Option(name: .customLong("id-column"), help: "Plot id column or field.") var idColumn = "plot_id"
    @Option(name: .customLong("lon-column"), help: "Longitude column (CSV).") var lonColumn = "lon"
    @Option(name: .customLong("lat-column"), help: "Latitude column (CSV).") var latColumn = "lat"
    @Option(name: .customLong("radius-column"), help: "Plot radius column in metres (CSV).") var radiusColumn =
        "radius_m"
    @Option(name: .customLong("agb-column"), help: "Measured AGB column or field, t/ha.") var agbColumn = "agb_t_ha"
    @Option(name: .customLong("date-column"), help: "Measurement date column or field (optional).") var dateColumn =
        "date"

    @Option(
        name: .long,
        help: ArgumentHelp("linear, exp, power or best (default best: lowest leave-one-out RMSE).", valueName: "FORM"),
        completion: .list(["linear", "exp", "power", "best"]))
    var form: String = "best"

    @Option(
        name: .long,
        help: ArgumentHelp("The index the model takes: ndvi, evi, savi, msavi2, ndre, gndvi.", valueName: "INDEX"))
    var index: SpectralIndex = .ndvi

    @Option(name: .customLong("savi-l"), parsing: .unconditional, help: "SAVI's L (default 0.5).") var saviL: Double =
        0.5

    @Option(
        name: .customLong("min-observed"), parsing: .unconditional,
        help: ArgumentHelp("Leave out plots observed under this fraction (default 0.9).", valueName: "FRACTION"))
    var minObserved: Double = 0.9

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp("Where to write the model file (JSON).", valueName: "FILE.json"), completion: .jsonFile)
    var out: String

    @OptionGroup(title: "Output") var output: OutputOptions

    @OptionGroup(title: "Run") var runOptions: RunOptions

    func run() throws {
        try output.configure()
        let spectral = try index.with(saviL: saviL)
        let chosenForm: BiomassModel.Form?
        if form.lowercased() == "best" {
            chosenForm = nil
        } else {
            guard let f = BiomassModel.Form(rawValue: form.lowercased()) else {
                throw VerdantError.usage("--form must be linear, exp, power or best (got '\(form)')")
            }
            chosenForm = f
        }
        let (inputs, masks) = try raster.resolve(for: BiomassModel.example.taking(spectral))
        let target = try OutputPath(
            out, inputs: inputs.bands.values.flatMap(\.paths) + [plots], overwrite: output.force)
        var source = PlotSource(path: plots)
        source.idColumn = idColumn
        source.lonColumn = lonColumn
        source.latColumn = latColumn
        source.radiusColumn = radiusColumn
        source.agbColumn = agbColumn
        source.dateColumn = dateColumn
        let result = try CalibrationJob.run(
            CalibrationRequest(
                inputs: inputs, masks: masks, index: spectral, plots: source, form: chosenForm,
                minObserved: minObserved,
                sensor: raster.settings.sensor, execution: try output.execution(runOptions, label: "plots")))
        for e in result.excluded { Console.note("left out plot \(e)") }
        try target.write(Data((try result.modelFile.json() + "\n").utf8))
        if output.quiet { return }
        try Console.output(
            "plots: \(result.samples.count) used, \(result.excluded.count) left out; index \(spectral.name)")
        try Console.output(
            "form    method                        a              ± se        b              ± se        R²      RMSE    bias    LOO RMSE"
        )
        for f in result.fits {
            let mark = f == result.chosen ? "*" : " "
            func pad(_ s: String, _ n: Int) -> String {
                s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0)
            }
            let numbers = String(
                format: "%-14.6g %-11.4g %-14.6g %-11.4g %-7.4f %-7.3f %-7.3f %.3f",
                f.a, f.seA, f.b, f.seB, f.rSquared, f.rmse, f.bias, f.looRMSE)
            try Console.output(mark + pad(f.form.rawValue, 7) + pad(f.method.rawValue, 29) + numbers)
        }
        try Console.output(
            "chosen: \(result.chosen.form.rawValue) (\(result.chosen.method.rawValue)), lowest leave-one-out RMSE; wrote \(out)"
        )
    }
}
