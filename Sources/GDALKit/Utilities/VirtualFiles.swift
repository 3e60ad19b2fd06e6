internal import CGDAL
import Foundation

/// GDAL's virtual file systems (`/vsizip/`, `/vsitar/`, `/vsicurl/` …): listing and reading files inside them, so
/// that a zipped product can be read like a folder.
public enum VirtualFiles {
    /// The files and folders under `path` (e.g. `/vsizip//data/S2.zip`), as paths relative to it (folders end in
    /// `/` on some systems); nil when `path` cannot be listed.
    public static func listRecursively(_ path: String) -> [String]? {
        guard let list = VSIReadDirRecursive(path) else { return nil }
        defer { CSLDestroy(list) }
        return CStringList.strings(from: list)
    }

    /// The bytes of the file `path` (any GDAL virtual path); nil when it cannot be read or is larger than
    /// `maximumBytes`.
    public static func contents(_ path: String, maximumBytes: Int = 64 << 20) -> Data? {
        var buffer: UnsafeMutablePointer<GByte>?
        var size: vsi_l_offset = 0
        guard VSIIngestFile(nil, path, &buffer, &size, GIntBig(maximumBytes)) != 0, let buffer else { return nil }
        defer { VSIFree(buffer) }
        return Data(bytes: buffer, count: Int(size))
    }

    /// Sets a GDAL configuration option for the paths that start with `prefix` only (e.g. `/vsis3/`), where GDAL
    /// reads that option per path.
    public static func setPathOption(prefix: String, _ key: String, _ value: String) {
        _ = GDALCall.registered
        VSISetPathSpecificOption(prefix, key, value)
    }

    /// The value of a configuration option for `path`: the path-specific one, else the process-wide one.
    public static func pathOption(_ path: String, _ key: String) -> String? {
        VSIGetPathSpecificOption(path, key, nil).map { String(cString: $0) }
    }

}
