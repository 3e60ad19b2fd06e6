import Foundation

/// What a run read and how, for reports: enough for a verifier to redo it.
public struct RunMetadata: Hashable, Sendable {
    /// A raster band read.
    public struct Band: Hashable, Sendable {
        /// Role (`red`, `nir`).
        public var role: String
        /// File.
        public var path: String
        /// 1-based band index.
        public var band: Int
        /// Band description.
        public var description: String
        /// Cell type.
        public var dataType: String
        /// Nodata value as text, if any.
        public var nodata: String?
        /// GDAL scale metadata.
        public var gdalScale: Double
        /// GDAL offset metadata.
        public var gdalOffset: Double
        /// Resampling onto the analysis grid, if any.
        public var resampling: String?
        /// Files mosaicked into it.
        public var files: Int
    }

    /// The bands read.
    public var bands: [Band]
    /// Raster width in cells.
    public var width: Int
    /// Raster height in cells.
    public var height: Int
    /// Raster CRS name.
    public var rasterCRS: String
    /// Raster CRS code when known.
    public var rasterCRSCode: String?
    /// Raster geotransform.
    public var geoTransform: [Double]
    /// True for a longitude/latitude grid (ellipsoidal cell areas).
    public var geographic: Bool
    /// User reflectance scale.
    public var scale: Double
    /// User reflectance offset.
    public var offset: Double
    /// Parcels file.
    public var parcelsPath: String
    /// Parcels layer.
    public var parcelsLayer: String
    /// Parcels CRS name.
    public var parcelsCRS: String
    /// Features read.
    public var featureCount: Int
    /// Parcels after merging shared ids.
    public var parcelCount: Int
    /// Id field, nil for feature ids.
    public var idField: String?
    /// The model.
    public var model: BiomassModel
    /// The carbon factors.
    public var factors: CarbonFactors
    /// The masks applied.
    public var masks: MaskRules
    /// The `low_observed` threshold.
    public var minObserved: Double
    /// Warnings (e.g. a likely red/NIR swap).
    public var warnings: [String]
    /// Worker threads.
    public var threads: Int
    /// Tiles in the grid.
    public var tiles: Int
    /// Tiles read (those under parcels).
    public var tilesRead: Int
    /// Verdant version.
    public var verdantVersion: String
    /// GDAL version.
    public var gdalVersion: String
    /// PROJ version.
    public var projVersion: String
    /// When the run started (UTC, ISO 8601).
    public var startedAt: String
    /// How long it took, seconds.
    public var seconds: Double
}
