internal import CGDAL
import Foundation

/// The one place through which GDALKit calls GDAL: registers the drivers once, captures CPLError
/// messages of the calling thread while a call runs, and turns failures into `GDALError`.
///
/// Messages GDAL raises outside a call (on GDAL's own worker threads, or from a C function GDALKit calls
/// directly) go to a process-wide handler installed with the drivers: it hands them to `GDALMessages` instead of
/// letting GDAL print them on standard error.
enum GDALCall {
    /// Installs GDALKit's process-wide error handler, registers all drivers and sets process-wide defaults, once.
    static let registered: Void = {
        CPLSetErrorHandler(processHandler)
        GDALAllRegister()
        OGRRegisterAll()
        // Reproducible GeoPackages: with SOURCE_DATE_EPOCH (the reproducible-builds convention) set, GDAL writes
        // that time as gpkg_contents.last_change instead of the clock's (unless OGR_CURRENT_DATE is set).
        if CPLGetConfigOption("OGR_CURRENT_DATE", nil) == nil,
            let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Int.init)
        {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            let text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
            CPLSetConfigOption("OGR_CURRENT_DATE", text.replacingOccurrences(of: "Z", with: ".000Z"))
        }
    }()

    /// Runs `body` with a thread-local error handler that collects GDAL's messages; throws when GDAL
    /// reported a failure (CE_Failure or CE_Fatal) during the call. Warnings go to `GDALWarnings`.
    static func run<T>(_ context: @autoclosure () -> String, _ body: () throws -> T) throws -> T {
        try withCollector { collector in
            CPLErrorReset()
            let value = try body()
            if collector.failed {
                throw GDALError(context: context(), messages: collector.messages, code: collector.code)
            }
            return value
        }
    }

    /// Runs `body` with a thread-local handler and returns its value with every message GDAL raised meanwhile
    /// (warnings and failures, in order), without throwing for them: for reads where GDAL says what went wrong
    /// only as a warning (a CRS code PROJ does not know).
    static func collecting<T>(_ body: () throws -> T) rethrows -> (value: T, messages: [String]) {
        try withCollector { collector in (try body(), collector.all) }
    }

    /// Runs `body` with a thread-local handler that collects GDAL's messages into the collector it is given.
    private static func withCollector<T>(_ body: (ErrorCollector) throws -> T) rethrows -> T {
        _ = registered
        let collector = ErrorCollector()
        let unmanaged = Unmanaged.passRetained(collector)
        CPLPushErrorHandlerEx(collectingHandler, unmanaged.toOpaque())
        defer {
            CPLPopErrorHandler()
            unmanaged.release()
        }
        return try body(collector)
    }

    /// Runs `body` and throws when it returns nil (a NULL handle), with GDAL's messages.
    static func handle<T>(_ context: @autoclosure () -> String, _ body: () -> T?) throws -> T {
        let ctx = context()
        let value: T? = try run(ctx, body)
        guard let value else { throw GDALError(context: ctx, messages: lastMessages()) }
        return value
    }

    /// Runs `body` and throws unless it returns CE_None (or CE_Warning).
    static func check(_ context: @autoclosure () -> String, _ body: () -> CPLErr) throws {
        let ctx = context()
        let result = try run(ctx, body)
        if result.rawValue >= CE_Failure.rawValue {
            throw GDALError(context: ctx, messages: lastMessages())
        }
    }

    /// Runs `body` and throws unless it returns OGRERR_NONE.
    static func checkOGR(_ context: @autoclosure () -> String, _ body: () -> OGRErr) throws {
        let ctx = context()
        let result = try run(ctx, body)
        if result != OGRERR_NONE {
            var messages = lastMessages()
            if messages.isEmpty { messages = ["OGR error \(result)"] }
            throw GDALError(context: ctx, messages: messages)
        }
    }

    private static func lastMessages() -> [String] {
        guard let msg = CPLGetLastErrorMsg() else { return [] }
        let text = String(cString: msg)
        return text.isEmpty ? [] : [text]
    }
}

/// Collects the messages GDAL raises on one thread during one call.
private final class ErrorCollector {
    /// The failures' messages.
    var messages: [String] = []
    /// Every message (warnings and failures), in order.
    var all: [String] = []
    var failed = false
    var code: Int32 = 0
}

private let collectingHandler: CPLErrorHandler = { level, number, message in
    guard let raw = CPLGetErrorHandlerUserData() else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(raw).takeUnretainedValue()
    let text = message.map { String(cString: $0) } ?? ""
    if level.rawValue >= CE_Failure.rawValue {
        collector.failed = true
        collector.code = number
        collector.messages.append(text)
        collector.all.append(text)
        GDALMessages.report(.failure, text)
    } else if level == CE_Warning {
        collector.all.append(text)
        GDALWarnings.report(text)
        GDALMessages.report(.warning, text)
    } else {
        GDALMessages.report(.debug, text)
    }
}

/// The process-wide handler: messages raised while no GDALKit call collects them on their thread.
private let processHandler: CPLErrorHandler = { level, _, message in
    let text = message.map { String(cString: $0) } ?? ""
    if level.rawValue >= CE_Failure.rawValue {
        GDALMessages.report(.failure, text)
    } else if level == CE_Warning {
        GDALWarnings.report(text)
        GDALMessages.report(.warning, text)
    } else {
        GDALMessages.report(.debug, text)
    }
}
