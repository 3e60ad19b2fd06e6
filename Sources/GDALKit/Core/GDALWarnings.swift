import Synchronization

/// Where GDAL's warnings (CE_Warning) go: by default nowhere; an application may install a sink.
public enum GDALWarnings {
    private static let sink = Mutex<(@Sendable (String) -> Void)?>(nil)

    /// Installs a function that receives every GDAL warning raised inside GDALKit calls.
    public static func setSink(_ function: (@Sendable (String) -> Void)?) {
        sink.withLock { $0 = function }
    }

    static func report(_ message: String) {
        let function = sink.withLock { $0 }
        function?(message)
    }
}

/// Every message GDAL raises, on any thread: GDALKit installs its own error handler, so that nothing GDAL says goes
/// to standard error by itself. Failures during a GDALKit call become the `GDALError` it throws; an application
/// may also receive every message here (e.g. to show them at a debug log level). By default they go nowhere.
public enum GDALMessages {
    /// How grave a message is.
    public enum Level: String, Sendable, Hashable {
        /// CE_Debug (only when GDAL's CPL_DEBUG is on).
        case debug
        /// CE_Warning.
        case warning
        /// CE_Failure or CE_Fatal.
        case failure
    }

    private static let sink = Mutex<(@Sendable (Level, String) -> Void)?>(nil)

    /// Installs a function that receives every message GDAL raises (called on the thread that raised it).
    public static func setSink(_ function: (@Sendable (Level, String) -> Void)?) {
        _ = GDALCall.registered
        sink.withLock { $0 = function }
    }

    static func report(_ level: Level, _ message: String) {
        let function = sink.withLock { $0 }
        function?(level, message)
    }
}
