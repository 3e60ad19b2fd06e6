import GDALKit

/// Versions of Verdant and of the libraries it runs on, for reports and `--version`.
public enum VerdantVersion {
    /// Verdant's own version.
    public static let verdant = "0.1.0"
    /// The GDAL release Verdant runs on.
    public static var gdal: String { GDAL.version }
    /// The PROJ release GDAL was built with.
    public static var proj: String { GDAL.projVersion }
}
