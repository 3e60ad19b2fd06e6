import Foundation

/// Writes warnings and notes to standard error, keeping standard output for results.
enum Console {
    /// Prints `verdant: note: …` on standard error.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data("verdant: note: \(text)\n".utf8))
    }

    /// Prints `verdant: warning: …` on standard error.
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data("verdant: warning: \(text)\n".utf8))
    }
}
