import GDALKit

/// A band found and checked: where it is and how its values become reflectance.
public struct ResolvedBand: Hashable, Sendable {
    /// The role it plays.
    public var role: BandRole
    /// Its file.
    public var path: String
    /// Its 1-based index in the file.
    public var index: Int
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
}
