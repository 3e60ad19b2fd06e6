import Foundation

/// An error Verdant reports to its user: which file or argument, and what is wrong with it.
public enum VerdantError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A command-line or API argument is wrong (exit code 1).
    case usage(String)
    /// An input file cannot be used as given (exit code 2).
    case input(file: String, problem: String)
    /// An output cannot be written (exit code 2).
    case output(file: String, problem: String)
    /// The outputs were written but flagged: some parcels failed, or clouds hid more than allowed (exit code 3).
    case partial(String)
    /// Something that should not happen (exit code 4).
    case `internal`(String)

    /// The message shown to the user, on one line (line breaks in a problem, as PROJ or YAML write some, become
    /// spaces).
    public var description: String {
        let text = message
        guard text.contains(where: \.isNewline) else { return text }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    private var message: String {
        switch self {
        case .usage(let text): text
        case .input(let file, let problem): "\(file): \(problem)"
        case .output(let file, let problem): "\(file): cannot write output: \(problem)"
        case .partial(let text): "partial result: \(text)"
        case .internal(let text): "internal error: \(text)"
        }
    }

    /// The process exit code for this error (documented in the README).
    public var exitCode: Int32 {
        switch self {
        case .usage: 1
        case .input, .output: 2
        case .partial: 3
        case .internal: 4
        }
    }
}
