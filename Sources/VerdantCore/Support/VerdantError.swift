import Foundation

/// An error Verdant reports to its user: which parameter, file, band or parcel, and what is wrong with it.
///
/// Parameters are named by their library names (`Parameter`); a front end shows them under its own (the
/// command-line tool installs its flags through `ParameterNaming`), so a Swift program can tell one failure from
/// another by its case and fields, and a person reads it in the words of the tool they use.
public enum VerdantError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The arguments are wrong together, or an argument that is not one parameter (exit code 1).
    case usage(ErrorText)
    /// The value of `parameter` is wrong (exit code 1): "\(parameter) \(problem)".
    case invalidParameter(Parameter, problem: ErrorText)
    /// An input file cannot be used as given (exit code 2).
    case input(file: String, problem: ErrorText)
    /// A band of an input raster cannot be used (exit code 2): "\(file): band \(band) \(problem)".
    case band(file: String, band: String, problem: ErrorText)
    /// A parcel or plot of an input layer cannot be used (exit code 2): "\(file): parcel \(parcel): \(problem)".
    case parcel(file: String, parcel: String, problem: ErrorText)
    /// An output cannot be written (exit code 2).
    case output(file: String, problem: ErrorText)
    /// The outputs were written but flagged: some parcels failed, or clouds hid more than allowed (exit code 3).
    case partial(ErrorText)
    /// Something that should not happen (exit code 4).
    case `internal`(String)

    /// The message shown to the user, on one line (line breaks in a problem, as PROJ or YAML write some, become
    /// spaces), with parameters named by the current `ParameterNaming`.
    public var description: String {
        let text = message
        guard text.contains(where: \.isNewline) else { return text }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    private var message: String {
        switch self {
        case .usage(let text): "\(text)"
        case .invalidParameter(let parameter, let problem): "\(parameter) \(problem)"
        case .input(let file, let problem): "\(file): \(problem)"
        case .band(let file, let band, let problem): "\(file): band \(band) \(problem)"
        case .parcel(let file, let parcel, let problem): "\(file): parcel \(parcel): \(problem)"
        case .output(let file, let problem): "\(file): cannot write output: \(problem)"
        case .partial(let text): "partial result: \(text)"
        case .internal(let text): "internal error: \(text)"
        }
    }

    /// The file the error is about, when it is about one.
    public var file: String? {
        switch self {
        case .input(let file, _), .band(let file, _, _), .parcel(let file, _, _), .output(let file, _): file
        case .usage, .invalidParameter, .partial, .internal: nil
        }
    }

    /// The parameters the error names (the wrong one first).
    public var parameters: [Parameter] {
        switch self {
        case .invalidParameter(let p, let problem): [p] + problem.parameters
        case .usage(let text), .partial(let text): text.parameters
        case .input(_, let problem), .band(_, _, let problem), .parcel(_, _, let problem), .output(_, let problem):
            problem.parameters
        case .internal: []
        }
    }

    /// The process exit code for this error (documented in the README).
    public var exitCode: Int32 {
        switch self {
        case .usage, .invalidParameter: 1
        case .input, .band, .parcel, .output: 2
        case .partial: 3
        case .internal: 4
        }
    }
}
