import Foundation
import Synchronization
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

    private static let state = Mutex<(level: Level, quiet: Bool)>((.info, false))

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
        try StandardOutput.write(text + "\n")
    }

    /// Writes `text` to standard error; if even that fails there is no one left to tell, so it is dropped.
    static func standardError(_ text: String) {
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

    /// A progress sink: a bar with rate and time left on a terminal, a plain line every 10 % otherwise; nothing
    /// when quiet.
    static func progress(_ label: String, unit: String = "tiles") -> ProgressSinkBox? {
        guard !quiet, level >= .info else { return nil }
        return ProgressSinkBox(label: label, unit: unit, terminal: isatty(2) != 0)
    }
}

/// Draws progress on standard error.
final class ProgressSinkBox: Sendable {
    let label: String
    let unit: String
    let terminal: Bool
    let start = Date()
    private let lastDecile = Mutex<Int>(-1)

    init(label: String, unit: String, terminal: Bool) {
        self.label = label
        self.unit = unit
        self.terminal = terminal
    }

    func report(done: Int, total: Int) {
        let fraction = Double(done) / Double(max(total, 1))
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        if terminal {
            let width = 30, filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line =
                "\r\(label) \(bar) " + String(format: "%3.0f%% %d/%d ", fraction * 100, done, total) + unit
                + String(format: ", %.1f/s, %.0f s left", rate, left)
            Console.standardError(line)
            if done == total { Console.standardError("\n") }
        } else {
            let decile = Int(fraction * 10)
            let print = lastDecile.withLock { last -> Bool in
                if decile > last { last = decile; return true }
                return false
            }
            if print {
                Console.standardError(
                    "verdant: \(label): " + String(format: "%d/%d ", done, total) + unit
                        + String(format: " (%.0f%%), %.1f s\n", fraction * 100, elapsed))
            }
        }
    }
}
