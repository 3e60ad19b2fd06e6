import ArgumentParser
import Foundation
import Verdant

/// `verdant map`: NDVI and AGB rasters and scene figures.
struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Compute NDVI and above-ground biomass for every cell; write them as Cloud-Optimized GeoTIFFs.",
        discussion: """
            Prints scene figures: cells, valid cells, observed area, mean NDVI and total AGB over valid cells. \
            NDVI is undefined (never 0) where red or NIR is nodata or NIR + red = 0; such cells are NaN in the \
            outputs and left out of every figure. --green-out writes green cover (Byte: 1 where the model's index is \
            at least --green-threshold, 0 where it is not, 255 where the cell is not observed, the nodata value); \
            the default threshold is 0.4 for NDVI (NASA Earth Observatory, Weier & Herring 2000: about 0.2 to 0.4 \
            is shrub and grassland), and other indices need --green-threshold.

            Examples:
              verdant map --raster S2.tif --red B04 --nir B08 --scale 0.0001 \\
                  --offset -0.1 --ndvi-out ndvi.tif
              verdant map --band red=B04.tif --band nir=B08.tif --scale 0.0001 \\
                  --offset -0.1 --model linear:-30,250 --agb-out agb.tif --json
              verdant map --raster drone.tif --red 3 --nir 5 --model power:210,1.6 \\
                  --model-source "Smith 2021, Table 2"
              verdant map --sensor sentinel2-l2a \\
                  --scene S2B_MSIL2A_20240105T033109_N0510_R018_T47PQR.SAFE \\
                  --ndvi-out ndvi.tif
              verdant map --sensor landsat-c2-l2 --stac item.json --index evi \\
                  --index-out evi.tif
            """
    )

    @OptionGroup(title: "Input") var raster: RasterOptions
    @OptionGroup(title: "Model") var model: ModelOptions

    @Option(
        name: .customLong("ndvi-out"),
        help: ArgumentHelp("Write NDVI here as a COG (Float32, NaN nodata).", valueName: "FILE.tif"),
        completion: .geoTIFFFile)
    var ndviOut: String?

    @Option(
        name: .customLong("index-out"),
        help: ArgumentHelp("Write the model's index (--index) here as a COG.", valueName: "FILE.tif"),
        completion: .geoTIFFFile)
    var indexOut: String?

    @Option(
        name: .customLong("agb-out"),
        help: ArgumentHelp("Write AGB (t/ha) here as a COG (Float32, NaN nodata).", valueName: "FILE.tif"),
        completion: .geoTIFFFile)
    var agbOut: String?

    @Option(
        name: .customLong("carbon-out"),
        help: ArgumentHelp(
            "Write carbon density (tCO2e/ha, with --root-shoot and --carbon-fraction) here as a COG.",
            valueName: "FILE.tif"), completion: .geoTIFFFile)
    var carbonOut: String?

    @Option(
        name: .customLong("green-out"),
        help: ArgumentHelp(
            "Write green cover here as a COG (Byte: 1 green, 0 not green, 255 not observed = nodata).",
            valueName: "FILE.tif"), completion: .geoTIFFFile)
    var greenOut: String?

    @Option(
        name: .customLong("green-threshold"), parsing: .unconditional,
        help: ArgumentHelp(
            "Green cover: a cell is green where the model's index is at least this (--green-out, green_ha). Default 0.4 for NDVI, above the shrub and grassland range of about 0.2 to 0.4 (NASA Earth Observatory, Weier & Herring 2000, Measuring Vegetation); other indices have no default: --green-out needs this for them.",
            valueName: "X"))
    var greenThreshold: Double?

    @Option(
        name: .customLong("root-shoot"), parsing: .unconditional,
        help: "Root-to-shoot ratio R for --carbon-out (default 0).")
    var rootShoot: Double = 0

    @Option(
        name: .customLong("carbon-fraction"), parsing: .unconditional,
        help: "Carbon fraction CF for --carbon-out (default 0.47).")
    var carbonFraction: Double = 0.47

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write a PNG quicklook of the NDVI (or AGB, or carbon) output, with a legend, scale bar and north arrow.",
            valueName: "FILE.png"), completion: .files("png"))
    var quicklook: String?

    @Option(
        name: .long, help: ArgumentHelp("Parcels to outline on the quicklook.", valueName: "FILE"),
        completion: .vectorFile)
    var parcels: String?

    @OptionGroup(title: "Output") var output: OutputOptions

    @Option(name: .long, help: "COG compression: deflate or zstd.")
    var compress: COGOptions.Compression = .deflate

    @OptionGroup(title: "Run") var runOptions: RunOptions

    @Flag(name: .long, help: "Print the figures as one JSON object.")
    var json = false

    func run() throws {
        try output.configure()
        let biomass = try model.biomassModel()
        let (inputs, masks) = try raster.resolve(for: biomass)
        let request = MapRequest(
            inputs: inputs, model: biomass, masks: masks, ndviOutput: ndviOut, indexOutput: indexOut,
            agbOutput: agbOut, execution: try output.execution(runOptions, label: "map"),
            cog: COGOptions(compression: compress))
        var req = request
        req.carbonOutput = carbonOut
        req.greenOutput = greenOut
        req.greenThreshold = greenThreshold
        req.overwrite = output.force
        req.factors = .stated(rootShoot: rootShoot, carbonFraction: carbonFraction)
        let picture = try quicklook.map { path -> (OutputPath, String, String, String) in
            guard
                let (source, label, unit) = [
                    (ndviOut, "NDVI", "1"), (agbOut, "AGB", "t/ha"), (carbonOut, "CO2e", "t/ha")
                ].first(where: { $0.0 != nil })
            else {
                throw VerdantError.usage(
                    "--quicklook draws an output raster: give --ndvi-out, --agb-out or --carbon-out too")
            }
            return (
                try OutputPath(path, inputs: inputs.bands.values.flatMap(\.paths), overwrite: output.force), source!,
                label, unit
            )
        }
        let summary = try MapJob.run(req)
        if let (target, source, label, unit) = picture {
            let outlines =
                try parcels.map {
                    try ParcelLoader.load(
                        ParcelSource(path: try StandardInput.path($0)), onto: MapJob.grid(of: req),
                        limits: req.execution.vertexLimits
                    ).parcels.map(\.geometry)
                } ?? []
            try Quicklook.write(
                raster: Publication.current?.readablePath(source) ?? source, parcels: outlines, label: label,
                unit: unit == "1" ? "" : unit, to: target)
        }
        for w in summary.warnings where !inputs.warnings.contains(w) { Console.warn(w) }
        if json {
            try Console.output(try SummaryText.json(summary))
        } else if !output.quiet {
            try Console.output(SummaryText.text(summary))
        }
    }
}
