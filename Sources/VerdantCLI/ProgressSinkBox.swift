import Foundation

/// Draws the progress of one phase (tiles, parcels) on standard error: on a terminal one line rewritten in place
/// (at most ten times a second) and, when the phase ends, replaced by its summary (`estimate: 12 tiles in
/// 2.3 s`); off a terminal a plain line every 10 %.
final class ProgressSinkBox: Sendable {
    let label: String
    let unit: String
    let terminal: Bool
    let start = Date()
    /// The last decile printed (off a terminal), the time of the last redraw and whether the summary is out.
    private let state = LockedValue<(decile: Int, drawn: Date?, finished: Bool)>((-1, nil, false))

    init(label: String, unit: String, terminal: Bool) {
        self.label = label
        self.unit = unit
        self.terminal = terminal
    }

    func report(done: Int, total: Int) {
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        let fraction = min(max(Double(done) / Double(max(total, 1)), 0), 1)
        if terminal {
            let complete = done >= total
            let draw = state.withLock { s -> Bool in
                if s.finished { return false }
                if complete {
                    s.finished = true
                    return true
                }
                if let drawn = s.drawn, now.timeIntervalSince(drawn) < 0.1 { return false }
                s.drawn = now
                return true
            }
            guard draw else { return }
            if complete {
                ProgressLine.finish(
                    "\(label): \(total) \(unit) in " + ProgressSinkBox.duration(elapsed) + "\n")
            } else {
                ProgressLine.draw(line(done: done, total: total, fraction: fraction, elapsed: elapsed))
            }
        } else {
            let decile = Int(fraction * 10)
            let print = state.withLock { s -> Bool in
                if decile > s.decile {
                    s.decile = decile
                    return true
                }
                return false
            }
            if print {
                Console.standardError(
                    "verdant: \(label): " + String(format: "%d/%d ", done, total) + unit
                        + String(format: " (%.0f%%), %.1f s\n", fraction * 100, elapsed))
            }
        }
    }

    /// The line of a phase under way: the time left only once there is a rate to go by.
    private func line(done: Int, total: Int, fraction: Double, elapsed: TimeInterval) -> String {
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        var text = "\(label) \(bar) " + String(format: "%3.0f%% %d/%d ", fraction * 100, done, total) + unit
        if done > 0 && elapsed >= 1 {
            let rate = Double(done) / elapsed
            let left = Double(total - done) / rate
            text += String(format: ", %.1f/s, ", rate) + ProgressSinkBox.duration(left) + " left"
        }
        return text
    }

    /// `0.4 s`, `12 s`, `3 min 20 s`.
    static func duration(_ seconds: TimeInterval) -> String {
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        if seconds < 60 { return String(format: "%.0f s", seconds) }
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min \(whole % 60) s"
    }
}

/// The one progress line on a terminal: drawn with a carriage return and a clear to the end of the line, and
/// cleared before any other text goes to standard error, so that no stale progress stays on the screen.
enum ProgressLine {
    private static let open = LockedValue(false)

    /// Draws `text` in place of the line there is.
    static func draw(_ text: String) {
        open.withLock { isOpen in
            Console.rawStandardError("\r\u{1B}[2K" + text)
            isOpen = true
        }
    }

    /// Replaces the line there is by `text` (which ends the line).
    static func finish(_ text: String) {
        open.withLock { isOpen in
            Console.rawStandardError((isOpen ? "\r\u{1B}[2K" : "") + text)
            isOpen = false
        }
    }

    /// Clears the line, if one is drawn.
    static func clear() {
        open.withLock { isOpen in
            if isOpen { Console.rawStandardError("\r\u{1B}[2K") }
            isOpen = false
        }
    }
}
