/// A band a run read, as reports and summaries show it.
public struct BandRecord: Hashable, Sendable, Codable {
    /// Its role (`red`, `nir`, `scl`).
    public var role: String
    /// Its file (the first of a mosaic).
    public var path: String
    /// Its 1-based index in that file.
    public var band: Int
    /// Its description.
    public var description: String
    /// Its cell type.
    public var dataType: String
    /// Its nodata value, if any (as text: NaN is not JSON).
    public var nodata: String?
    /// The resampling that brought it onto the grid, if any.
    public var resampling: String?
    /// Files mosaicked into it.
    public var files: Int
    /// GDAL's scale metadata.
    public var gdalScale: Double
    /// GDAL's offset metadata.
    public var gdalOffset: Double

    enum CodingKeys: String, CodingKey {
        case role, path, band, description
        case dataType = "data_type"
        case nodata
        case gdalScale = "gdal_scale"
        case gdalOffset = "gdal_offset"
        case resampling, files
    }

    /// The record of a resolved band.
    public init(_ b: ResolvedBand) {
        role = b.role.name
        path = b.source
        band = b.sourceIndex
        description = b.bandDescription
        dataType = b.dataType.rawValue
        nodata = b.noData.map { "\($0)" }
        resampling = b.resampling?.rawValue
        files = b.fileCount
        gdalScale = b.gdalScale
        gdalOffset = b.gdalOffset
    }
}
