import Foundation
import Verdant

/// The outputs a command has written so far: removed again when the command fails afterwards (a quicklook that
/// cannot be drawn, a summary standard output cannot take), so that a failed run leaves no output behind. A run
/// that ends as a partial result (exit 3) keeps them, as documented.
final class WrittenOutputs {
    private var paths: [String] = []
    private var kept = false

    /// Notes outputs just written (`-`, standard output, is not a file and is skipped).
    func add(_ written: [String]) { paths += written.filter { $0 != "-" } }

    /// Notes an output just written.
    func add(_ path: String) { add([path]) }

    /// Keeps the outputs: the run succeeded (or ends as a partial result).
    func keep() { kept = true }

    /// Removes the outputs unless `keep()` was called (for a `defer` at the top of a command's run).
    func removeUnlessKept() {
        guard !kept else { return }
        for p in paths { try? FileManager.default.removeItem(atPath: p) }
    }
}
