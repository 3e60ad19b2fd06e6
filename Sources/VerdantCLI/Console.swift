import Foundation

/// Writes warnings and notes to standard error, keeping standard output for results.
enum Console {
    /// Prints `verdant: warning: …` on standard error.
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data("verdant: warning: \(text)\n".utf8))
    }
}
