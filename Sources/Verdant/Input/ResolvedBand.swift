import GDALKit

/// A band found and checked: where it is, where it is read from, and how its values become reflectance.
public struct ResolvedBand: Hashable, Sendable {
    /// The role it plays.
    public var role: BandRole
    /// The user's file (the first file of a mosaic), for messages and reports.
    public var source: String
    /// Files mosaicked into it (1 for a plain band).
    public var fileCount: Int
    /// What is read: the file itself, or a virtual raster that mosaics or resamples it onto the analysis grid.
    public var path: String
    /// Its 1-based index in `path`.
    public var index: Int
    /// Its 1-based index in the user's file.
    public var sourceIndex: Int
    /// Its description (may be empty).
    public var bandDescription: String
    /// Its cell type.
    public var dataType: DataType
    /// Its nodata value as stored in its cell type, or nil.
    public var noData: Double?
    /// GDAL's scale metadata (1 when none).
    public var gdalScale: Double
    /// GDAL's offset metadata (0 when none).
    public var gdalOffset: Double
    /// True when GDAL has an explicit mask for it (alpha band or mask band) that must be read too.
    public var hasExplicitMask: Bool
    /// An alpha band of the same raster (colour interpretation Alpha) whose 0 cells are excluded, when GDAL does not
    /// use it as the mask itself (it does so only for 2- and 4-band rasters).
    public var alphaIndex: Int?
    /// The GDAL resampling used to bring it onto the analysis grid, nil when it is on it already.
    public var resampling: Resampling?

    /// Every field.
    public init(
        role: BandRole, source: String, fileCount: Int, path: String, index: Int, sourceIndex: Int,
        bandDescription: String, dataType: DataType, noData: Double?, gdalScale: Double, gdalOffset: Double,
        hasExplicitMask: Bool, alphaIndex: Int? = nil, resampling: Resampling? = nil
    ) {
        self.role = role
        self.source = source
        self.fileCount = fileCount
        self.path = path
        self.index = index
        self.sourceIndex = sourceIndex
        self.bandDescription = bandDescription
        self.dataType = dataType
        self.noData = noData
        self.gdalScale = gdalScale
        self.gdalOffset = gdalOffset
        self.hasExplicitMask = hasExplicitMask
        self.alphaIndex = alphaIndex
        self.resampling = resampling
    }
}
