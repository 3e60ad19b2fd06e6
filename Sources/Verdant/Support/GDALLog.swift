import GDALKit

/// GDAL's own messages (warnings and failures, on any thread): they never go to standard error by themselves;
/// failures reach the user inside Verdant's errors, and an application may receive every message here, e.g. to
/// show them at a debug log level.
public enum GDALLog {
    /// Installs `function` to receive every message GDAL raises, with its level (`debug`, `warning` or `failure`)
    /// and its text on one line; nil stops.
    public static func echo(_ function: (@Sendable (_ level: String, _ message: String) -> Void)?) {
        guard let function else { return GDALMessages.setSink(nil) }
        GDALMessages.setSink { level, text in function(level.rawValue, text.oneLine()) }
    }
}
