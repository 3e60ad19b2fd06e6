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
