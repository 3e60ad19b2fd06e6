internal import CGDAL

/// Process-wide GDAL facts and settings.
public enum GDAL {
    /// GDAL's release name, e.g. `3.6.2`.
    public static var version: String {
        _ = GDALCall.registered
        return GDALVersionInfo("RELEASE_NAME").map { String(cString: $0) } ?? "unknown"
    }

    /// PROJ's version as GDAL was built against it (major.minor.patch).
    public static var projVersion: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        OSRGetPROJVersion(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }

    /// Sets a GDAL configuration option for the process (e.g. `GDAL_NUM_THREADS`).
    public static func setConfigOption(_ key: String, _ value: String?) {
        _ = GDALCall.registered
        CPLSetConfigOption(key, value)
    }

    /// Reads a GDAL configuration option.
    public static func configOption(_ key: String) -> String? {
        CPLGetConfigOption(key, nil).map { String(cString: $0) }
    }

    /// Sets the size of GDAL's block cache in bytes.
    public static func setCacheMax(bytes: Int) {
        _ = GDALCall.registered
        GDALSetCacheMax64(GIntBig(bytes))
    }

    /// The size of GDAL's block cache in bytes.
    public static var cacheMax: Int { Int(GDALGetCacheMax64()) }

    /// True when GDAL was built with GEOS (needed for MakeValid).
    public static var hasGEOS: Bool {
        _ = GDALCall.registered
        return OGRGetGEOSVersion(nil, nil, nil)
    }
}
