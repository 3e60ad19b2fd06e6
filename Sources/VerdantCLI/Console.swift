import Foundation
import Synchronization

/// Writes notes, warnings and progress to standard error (results go to standard output), filtered by level.
enum Console {
    /// How much goes to standard error.
    enum Level: Int, Comparable {
        case error = 0, warning, info, debug
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private static let state = Mutex<(level: Level, quiet: Bool)>((.info, false))

    /// Sets the level and quiet mode (from `--log-level` and `--quiet`).
    static func configure(level: Level, quiet: Bool) { state.withLock { $0 = (level, quiet) } }

    static var level: Level { state.withLock { $0.level } }
    static var quiet: Bool { state.withLock { $0.quiet } }

    /// Prints `verdant: note: …` at level info.
    static func note(_ text: String) {
        if level >= .info && !quiet { FileHandle.standardError.write(Data("verdant: note: \(text)\n".utf8)) }
    }

    /// Prints `verdant: warning: …` at level warning.
    static func warn(_ text: String) {
        if level >= .warning { FileHandle.standardError.write(Data("verdant: warning: \(text)\n".utf8)) }
    }

    /// Prints `verdant: debug: …` at level debug.
    static func debug(_ text: String) {
        if level >= .debug { FileHandle.standardError.write(Data("verdant: debug: \(text)\n".utf8)) }
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
            let line = "\r\(label) \(bar) " + String(format: "%3.0f%% %d/%d ", fraction * 100, done, total) + unit + String(format: ", %.1f/s, %.0f s left", rate, left)
            FileHandle.standardError.write(Data(line.utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else {
            let decile = Int(fraction * 10)
            let print = lastDecile.withLock { last -> Bool in
                if decile > last { last = decile; return true }
                return false
            }
            if print {
                FileHandle.standardError.write(Data(("verdant: \(label): " + String(format: "%d/%d ", done, total) + unit + String(format: " (%.0f%%), %.1f s\n", fraction * 100, elapsed)).utf8))
            }
        }
    }
}
