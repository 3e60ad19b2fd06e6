import Foundation

/// One bad-input case for the CLI: arguments made in a fresh folder, the exit status and the words stderr must hold.
public struct CLICase: Sendable, CustomStringConvertible {
    /// What the case checks.
    public var name: String
    /// The arguments, made in (and possibly writing inputs into) the case's folder.
    public var arguments: @Sendable (TemporaryFolder) throws -> [String]
    /// The expected exit status.
    public var status: Int32
    /// Texts the error message must contain (the file, the problem).
    public var mentions: [String]
    /// The case's name.
    public var description: String { name }

    /// A case.
    public init(
        name: String, arguments: @escaping @Sendable (TemporaryFolder) throws -> [String], status: Int32,
        mentions: [String]
    ) {
        self.name = name
        self.arguments = arguments
        self.status = status
        self.mentions = mentions
    }

    /// Runs the case: checks the status and message, that no output or temporary file was left and that every
    /// input in the folder is unchanged. `prefix` comes before the arguments (e.g. `["map"]`).
    public func check(prefix: [String] = [], record: (String) -> Void) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let arguments = try self.arguments(folder)
        let before = folder.contents()
        let snapshot = before.map { try? Data(contentsOf: URL(fileURLWithPath: folder.file($0))) }
        let r = try VerdantBinary.run(prefix + arguments)
        if r.status != status { record("\(name): status \(r.status), expected \(status); stderr: \(r.stderr)") }
        for text in mentions where !r.stderr.contains(text) { record("\(name): stderr lacks '\(text)': \(r.stderr)") }
        // GDAL's messages belong inside Verdant's error, never beside it in GDAL's own format.
        for line in r.stderr.split(separator: "\n") where line.hasPrefix("ERROR ") || line.hasPrefix("Warning ") {
            record("\(name): GDAL's raw message on stderr: \(line)")
        }
        if r.stderr.split(separator: "\n").filter({ $0.hasPrefix("verdant: error:") || $0.hasPrefix("Error:") }).count
            != (status == 0 ? 0 : 1)
        {
            record("\(name): not exactly one error line: \(r.stderr)")
        }
        if !r.stdout.isEmpty { record("\(name): a failed run printed results: \(r.stdout.prefix(200))") }
        if folder.contents() != before { record("\(name): files left behind: \(folder.contents())") }
        if before.map({ try? Data(contentsOf: URL(fileURLWithPath: folder.file($0))) }) != snapshot {
            record("\(name): an input changed")
        }
    }
}
