/// The scene figures `verdant map` prints (and `--json` writes).
public struct MapSummary: Hashable, Sendable, Codable {
    /// A raster written by the run.
    public struct Output: Hashable, Sendable, Codable {
        /// What it holds: `ndvi`, the index name, `agb_t_per_ha`, `co2e_t_per_ha` or `green`.
        public var kind: String
        /// Where.
        public var path: String
    }

    /// Cells in the scene.
    public var cells: Int
    /// Cells with a defined NDVI.
    public var validCells: Int
    /// Their area in hectares.
    public var observedHa: Double
    /// Cells excluded as cloud, shadow or cirrus.
    public var cloudCells: Int
    /// Cells without data.
    public var noDataCells: Int
    /// Cells masked on purpose.
    public var maskedCells: Int
    /// Area-weighted mean NDVI over valid cells (nil when none, or without red and NIR).
    public var meanNDVI: Double?
    /// The model's index.
    public var index: String
    /// Area-weighted mean of the model's index over valid cells.
    public var meanIndex: Double?
    /// Total AGB in tonnes over valid cells.
    public var totalAGBTonnes: Double
    /// Mean AGB in t/ha over valid cells (nil when none).
    public var meanAGBTonnesPerHa: Double?
    /// Grid size, CRS and cell size.
    public var width: Int
    /// Rows.
    public var height: Int
    /// CRS name.
    public var crs: String
    /// CRS code, when known.
    public var crsCode: String?
    /// Geotransform coefficients.
    public var geoTransform: [Double]
    /// The bands read.
    public var inputs: [BandRecord]
    /// The user's reflectance scale.
    public var scale: Double
    /// The user's reflectance offset.
    public var offset: Double
    /// The model expression.
    public var model: String
    /// The model's formula.
    public var modelFormula: String
    /// The model's source.
    public var modelSource: String
    /// Rasters written.
    public var outputs: [Output]
    /// Worker threads used.
    public var threads: Int
    /// Tiles processed.
    public var tiles: Int
    /// Verdant's version.
    public var verdantVersion: String
    /// GDAL's version.
    public var gdalVersion: String
    /// Warnings (e.g. a likely red/NIR swap).
    public var warnings: [String]
    /// The green threshold used (`GreenCover`); nil when there was none.
    public var greenThreshold: Double? = nil
    /// Area of the valid cells whose index is at least the green threshold, ha; nil without a threshold.
    public var greenHa: Double? = nil
    /// `greenHa` / `observedHa`; nil without a threshold or when no cell is valid.
    public var greenFraction: Double? = nil

    enum CodingKeys: String, CodingKey {
        case cells
        case validCells = "valid_cells"
        case observedHa = "observed_ha"
        case meanNDVI = "mean_ndvi"
        case cloudCells = "cloud_cells"
        case noDataCells = "nodata_cells"
        case maskedCells = "masked_cells"
        case index
        case meanIndex = "mean_index"
        case warnings
        case totalAGBTonnes = "total_agb_t"
        case meanAGBTonnesPerHa = "mean_agb_t_per_ha"
        case width, height, crs
        case crsCode = "crs_code"
        case geoTransform = "geotransform"
        case inputs, scale, offset
        case model
        case modelFormula = "model_formula"
        case modelSource = "model_source"
        case outputs, threads, tiles
        case verdantVersion = "verdant_version"
        case gdalVersion = "gdal_version"
        case greenThreshold = "green_threshold"
        case greenHa = "green_ha"
        case greenFraction = "green_fraction"
    }
}
