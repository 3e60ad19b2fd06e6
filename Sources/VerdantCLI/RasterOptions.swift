import ArgumentParser
import Foundation
import Verdant

/// Input settings every date of a run shares: the sensor preset, the bands of stacked rasters, reflectance
/// scaling, masks and the analysis grid (files are given by `RasterOptions` or a dates table).
struct InputSettings: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Sensor preset: sentinel2-l2a, landsat-c2-l2, landsat-tm-c2-l2, micasense-rededge, micasense-atlas, dji-p4m, dji-m3m, parrot-sequoia, generic, or one from --preset-file (see `verdant presets`).",
            valueName: "NAME"), completion: .sensorPreset)
    var sensor: String?

    @Option(
        name: .customLong("preset-file"),
        help: ArgumentHelp("A JSON or YAML file of your own presets (repeatable).", valueName: "FILE"),
        completion: .jsonOrYAMLFile)
    var presetFile: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The red band of --raster: a 1-based index or a band description such as B04.", valueName: "BAND"))
    var red: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The NIR band of --raster: a 1-based index or a band description such as B08.", valueName: "BAND"))
    var nir: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: "Reflectance scale after GDAL's own scale/offset; overrides the preset (Sentinel-2 L2A: 0.0001).")
    var scale: Double?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Reflectance offset after --scale; overrides the preset and the baseline (Sentinel-2 L2A from baseline 04.00: -0.1).",
            valueName: "offset"))
    var offset: Double?

    @Option(
        name: .customLong("assume-crs"),
        help: ArgumentHelp("CRS to assume for rasters that have none, e.g. EPSG:32647.", valueName: "CRS"))
    var assumeCRS: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Analysis grid: that role's grid (default: the finest input).", valueName: "ROLE"))
    var grid: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Analysis cell size in the grid's CRS units.", valueName: "SIZE"))
    var resolution: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Resampling of reflectance onto the grid: average, bilinear, cubic, near (default: average from finer, bilinear from coarser; classes always near).",
            valueName: "METHOD"))
    var resampling: Resampling?

    @Option(
        name: .customLong("scl-exclude"),
        help: ArgumentHelp("Sentinel-2 SCL classes to exclude (default 0,1,3,8,9,10).", valueName: "LIST"))
    var sclExclude: String?

    @Option(
        name: .customLong("qa-bits"),
        help: ArgumentHelp("Landsat QA_PIXEL bits to exclude (default 0,1,2,3,4).", valueName: "LIST"))
    var qaBits: String?

    @Flag(name: .customLong("mask-water"), help: "Also exclude water (SCL 6, QA_PIXEL bit 7).")
    var maskWater = false

    @Flag(name: .customLong("mask-snow"), help: "Also exclude snow (SCL 11, QA_PIXEL bit 5).")
    var maskSnow = false

    @Option(
        name: .customLong("valid-range"), parsing: .unconditional,
        help: ArgumentHelp("Reflectance outside MIN,MAX is no data.", valueName: "MIN,MAX"))
    var validRange: String?

    /// Fills `setup` with these settings (the preset, selectors, scaling, grid and masks).
    func apply(to setup: inout SensorSetup) throws {
        let catalog = try PresetCatalog.load(userFiles: presetFile)
        setup.preset = try sensor.map { try catalog.preset(named: $0) }
        if let red { setup.selectors[.red] = try BandSelector(parsing: red) }
        if let nir { setup.selectors[.nir] = try BandSelector(parsing: nir) }
        setup.scale = scale
        setup.offset = offset
        setup.assumedCRS = assumeCRS
        setup.gridRole = try grid.map { try BandRole(parsing: $0) }
        setup.resolution = resolution
        setup.resampling = resampling
        setup.sclExclude = try sclExclude.map { try MaskRules.integers($0, option: "--scl-exclude") }
        setup.qaExcludeBits = try qaBits.map { try MaskRules.integers($0, option: "--qa-bits") }
        setup.maskWater = maskWater
        setup.maskSnow = maskSnow
        setup.validRange = try validRange.map(MaskRules.range)
    }
}

/// Options that choose the input bands of one date, the sensor preset, reflectance scaling and the analysis grid.
struct RasterOptions: ParsableArguments {
    @OptionGroup var settings: InputSettings

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A raster holding the bands (any format GDAL reads); repeat it for tiles to mosaic.", valueName: "FILE"),
        completion: .rasterFile)
    var raster: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A band from its own file: ROLE=FILE[:BAND], roles blue, green, red, rededge, nir, nirnarrow, swir1, swir2, scl, qa, mask, or an index a product ships (ndvi, evi, savi, msavi2, ndre, gndvi: taken as the model's index when its reflectance bands are absent). Repeat per role; repeat a role to mosaic tiles.",
            valueName: "ROLE=FILE[:BAND]"))
    var band: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A STAC item JSON whose assets are the bands (asset keys such as red, nir, scl or B04).",
            valueName: "ITEM.json"), completion: .jsonFile)
    var stac: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A product folder (e.g. a Sentinel-2 .SAFE or a Landsat scene), or a .zip of one, whose file names name the bands.",
            valueName: "FOLDER"), completion: .sceneFile)
    var scene: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Sentinel-2 processing baseline (e.g. 05.09) when the metadata does not say.", valueName: "NN.NN"))
    var baseline: String?

    /// The setup these options describe.
    func setup() throws -> SensorSetup {
        var setup = SensorSetup()
        try settings.apply(to: &setup)
        setup.rasters = raster
        if !raster.isEmpty && setup.preset == nil && (settings.red == nil || settings.nir == nil) && band.isEmpty {
            throw VerdantError.usage("--raster needs --red BAND and --nir BAND, or --sensor NAME to name the bands")
        }
        setup.assignments = try band.map(BandAssignment.init(parsing:))
        setup.stac = stac
        setup.scene = scene
        setup.baseline = baseline
        return setup
    }
}

/// Options for threads and tiles.
struct RunOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Worker threads (default: the number of cores).")
    var threads: Int?

    @Option(
        name: .customLong("tile-size"), parsing: .unconditional,
        help: "Tile edge in cells, rounded up to whole raster blocks (default: about 512).")
    var tileSize: Int?

    @Option(
        name: .customLong("max-memory"),
        help: ArgumentHelp(
            "The most memory the parcels (features, geometry, coverage) may take, e.g. 2G or 512M (default: the memory available when the run starts, less the tiles' share); a larger job stops with an error.",
            valueName: "SIZE"))
    var maxMemory: String?

    @Option(
        name: .customLong("max-cells"), parsing: .unconditional,
        help: ArgumentHelp(
            "The most cells the analysis grid may have, checked before any work (default 4294967296 = 2^32).",
            valueName: "N"))
    var maxCells: Int?

    @Option(
        name: .customLong("max-parcel-vertices"),
        help: ArgumentHelp(
            "Refuse a parcel with more vertices than this after densification onto the raster's CRS (default 5000000).",
            valueName: "N"))
    var maxParcelVertices: Int = VertexLimits().perParcel

    @Option(
        name: .customLong("max-total-vertices"),
        help: ArgumentHelp(
            "Refuse parcels with more vertices than this in all after densification (default 50000000).", valueName: "N"
        ))
    var maxTotalVertices: Int = VertexLimits().total

    @Option(
        name: .customLong("max-repair-vertices"),
        help: ArgumentHelp(
            "Refuse an invalid parcel with more vertices than this instead of repairing it (repair time grows with the square of its size; default 5000).",
            valueName: "N"))
    var maxRepairVertices: Int = VertexLimits().repair

    /// The execution options.
    func execution() throws -> ExecutionOptions {
        var e = ExecutionOptions(threads: threads, tileSize: tileSize)
        if let maxCells { e.maxCells = maxCells }
        e.vertexLimits = VertexLimits(perParcel: maxParcelVertices, total: maxTotalVertices, repair: maxRepairVertices)
        if let maxMemory {
            guard let bytes = MemoryBudget.parse(maxMemory) else {
                throw VerdantError.usage(
                    "--max-memory must be a size such as 2G, 512M or 1073741824 (got '\(maxMemory)')")
            }
            e.maxMemoryBytes = bytes
        }
        return e
    }
}

/// Options that choose the biomass model and the index it takes.
struct ModelOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Biomass model: linear:a,b | exp:a,b | power:a,b, or example-linear (illustrative only).", valueName: "M"))
    var model: String?

    @Option(name: .customLong("model-source"), help: "The citation or origin of --model, echoed in every output.")
    var modelSource: String?

    @Option(
        name: .customLong("model-file"),
        help: ArgumentHelp(
            "A calibrated model (from `verdant calibrate`): form, coefficients, covariance, residual SD, index.",
            valueName: "FILE.json"), completion: .jsonFile)
    var modelFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The index the model takes: ndvi, evi, savi, msavi2, ndre, gndvi (default ndvi).", valueName: "INDEX"))
    var index: SpectralIndex = .ndvi

    @Option(
        name: .customLong("savi-l"), parsing: .unconditional, help: "SAVI's soil brightness factor L (default 0.5).")
    var saviL: Double = 0.5

    /// The model; warns on stderr when the illustrative example is used.
    func biomassModel() throws -> BiomassModel {
        if let modelFile {
            guard model == nil else { throw VerdantError.usage("--model and --model-file exclude each other") }
            return try ModelFile.read(modelFile).model
        }
        let spectral = try index.with(saviL: saviL)
        // The illustrative example's warning is carried by the run's result into every output.
        guard let model else { return BiomassModel.example.taking(spectral) }
        return try BiomassModel(parsing: model, source: modelSource).taking(spectral)
    }
}

/// Options of the quality masks, gathered from `RasterOptions`.
extension RasterOptions {
    /// Resolves the inputs and masks for a run needing the index of `model`.
    func resolve(for model: BiomassModel) throws -> (inputs: RasterInputs, masks: MaskRules) {
        let resolved = try setup().resolve(needing: model.index.roles)
        for w in resolved.inputs.warnings { Console.warn(w) }
        return resolved
    }
}
