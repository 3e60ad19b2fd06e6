import Foundation
import Verdant

/// Writes notes, warnings and progress to standard error (results go to standard output), filtered by level.
enum Console {
    /// How much goes to standard error.
    enum Level: Int, Comparable {
        case error = 0
        case warning
        case info
        case debug
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private static let state = LockedValue<(level: Level, quiet: Bool)>((.info, false))

    /// Sets the level and quiet mode (from `--log-level` and `--quiet`); at debug level GDAL's own messages are
    /// echoed (`verdant: debug: GDAL …`), else they only reach the user inside Verdant's errors.
    static func configure(level: Level, quiet: Bool) {
        state.withLock { $0 = (level, quiet) }
        if level >= .debug {
            GDALLog.echo { gdalLevel, text in Console.standardError("verdant: debug: GDAL \(gdalLevel): \(text)\n") }
        } else {
            GDALLog.echo(nil)
        }
    }

    /// Writes a result line (or lines) to standard output; a failure to write is an output error (exit 2).
    static func output(_ text: String) throws {
        ProgressLine.clear()
        try StandardOutput.write(text + "\n")
    }

    /// Writes `text` to standard error (first clearing a progress line drawn on a terminal, so that the text
    /// starts a line of its own); if even that fails there is no one left to tell, so it is dropped.
    static func standardError(_ text: String) {
        ProgressLine.clear()
        rawStandardError(text)
    }

    /// Writes `text` to standard error as it is.
    static func rawStandardError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    static var level: Level { state.withLock { $0.level } }
    static var quiet: Bool { state.withLock { $0.quiet } }

    /// Prints `verdant: note: …` at level info.
    static func note(_ text: String) {
        if level >= .info && !quiet { standardError("verdant: note: \(text)\n") }
    }

    /// Prints `verdant: warning: …` at level warning.
    static func warn(_ text: String) {
        if level >= .warning { standardError("verdant: warning: \(text)\n") }
    }

    /// Prints `verdant: debug: …` at level debug.
    static func debug(_ text: String) {
        if level >= .debug { standardError("verdant: debug: \(text)\n") }
    }

    /// A progress sink: on a terminal one line rewritten in place (a bar, rate and time left) that ends in the
    /// phase's summary; a plain line every 10 % otherwise; nothing when quiet.
    static func progress(_ label: String, unit: String = "tiles") -> ProgressSinkBox? {
        guard !quiet, level >= .info else { return nil }
        return ProgressSinkBox(
            label: label, unit: unit, terminal: isatty(2) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb")
    }
}
