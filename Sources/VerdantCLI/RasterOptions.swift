import ArgumentParser
import Verdant

/// Options that choose the input bands and their reflectance scaling.
struct RasterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A raster holding the red and NIR bands (any format GDAL reads).", valueName: "FILE"))
    var raster: String?

    @Option(name: .long, help: ArgumentHelp("The red band of --raster: a 1-based index or a band description such as B04.", valueName: "BAND"))
    var red: String?

    @Option(name: .long, help: ArgumentHelp("The NIR band of --raster: a 1-based index or a band description such as B08.", valueName: "BAND"))
    var nir: String?

    @Option(name: .long, help: ArgumentHelp("A band from its own file: ROLE=FILE[:BAND], e.g. red=B04.tif. Repeat per role.", valueName: "ROLE=FILE[:BAND]"))
    var band: [String] = []

    @Option(name: .long, parsing: .unconditional, help: "Reflectance scale, applied after GDAL's own scale/offset (Sentinel-2 L2A: 0.0001).")
    var scale: Double = 1

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Reflectance offset, applied after --scale (Sentinel-2 L2A from baseline 04.00: -0.1).", valueName: "offset"))
    var offset: Double = 0

    @Option(name: .customLong("assume-crs"), help: ArgumentHelp("CRS to assume for rasters that have none, e.g. EPSG:32647.", valueName: "CRS"))
    var assumeCRS: String?

    /// The inputs these options describe.
    func inputs() throws -> RasterInputs {
        let scaling = ReflectanceScaling(scale: scale, offset: offset)
        guard scale.isFinite, offset.isFinite, scale != 0 else {
            throw VerdantError.usage("--scale must be a non-zero finite number and --offset finite")
        }
        var result: RasterInputs
        if let raster {
            guard let red, let nir else {
                throw VerdantError.usage("--raster needs --red BAND and --nir BAND")
            }
            result = RasterInputs.stacked(path: raster, red: try BandSelector(parsing: red),
                                          nir: try BandSelector(parsing: nir), scaling: scaling)
            for text in band {
                let a = try BandAssignment(parsing: text)
                result.bands[a.role] = a.source
            }
        } else {
            if red != nil || nir != nil {
                throw VerdantError.usage("--red and --nir choose bands of --raster FILE; for separate files use --band red=FILE --band nir=FILE")
            }
            guard !band.isEmpty else {
                throw VerdantError.usage("no input: give --raster FILE --red BAND --nir BAND, or --band red=FILE --band nir=FILE")
            }
            result = try RasterInputs(assignments: band.map(BandAssignment.init(parsing:)), scaling: scaling)
        }
        result.assumedCRS = assumeCRS
        return result
    }
}

/// Options for threads and tiles.
struct RunOptions: ParsableArguments {
    @Option(name: .long, help: "Worker threads (default: the number of cores).")
    var threads: Int?

    @Option(name: .customLong("tile-size"), help: "Tile edge in cells, rounded up to whole raster blocks (default: about 512).")
    var tileSize: Int?

    /// The execution options.
    func execution() -> ExecutionOptions { ExecutionOptions(threads: threads, tileSize: tileSize) }
}

/// Options that choose the biomass model.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Biomass model: linear:a,b | exp:a,b | power:a,b, or example-linear (illustrative only).", valueName: "M"))
    var model: String?

    @Option(name: .customLong("model-source"), help: "The citation or origin of --model, echoed in every output.")
    var modelSource: String?

    /// The model; warns on stderr when the illustrative example is used.
    func biomassModel() throws -> BiomassModel {
        guard let model else {
            Console.warn("no --model given: using the illustrative example-linear model (\(BiomassModel.example.formula)); it is not valid for any site, replace it with a calibrated model")
            return .example
        }
        return try BiomassModel(parsing: model, source: modelSource)
    }
}
