import Foundation

/// Checks and temporary names for an output file, so that nothing is half-written and no input is overwritten.
public struct OutputPath: Hashable, Sendable {
    /// The final path.
    public let path: String

    /// An output path, refused when it is one of `inputs`, its folder does not exist, or it exists already and
    /// `overwrite` is false.
    public init(_ path: String, inputs: [String] = [], overwrite: Bool = false) throws {
        guard !path.isEmpty else { throw VerdantError.usage("empty output path") }
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        for input in inputs where !input.hasPrefix("/vsi") {
            let other = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath()
            if other.path == url.path {
                throw VerdantError.output(file: path, problem: "it is also an input; Verdant never overwrites its inputs")
            }
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw VerdantError.output(file: path, problem: "it is a directory")
        }
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw VerdantError.output(file: path, problem: "it exists already; use --force to overwrite it")
        }
        let dir = url.deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue {
            throw VerdantError.output(file: path, problem: "the folder \(dir) does not exist")
        }
        if !FileManager.default.isWritableFile(atPath: dir) {
            throw VerdantError.output(file: path, problem: "the folder \(dir) is not writable")
        }
        self.path = path
    }

    /// A fresh hidden temporary path beside the output (same file system, so the final rename is atomic).
    public func temporarySibling(tag: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = ".\(url.lastPathComponent).\(tag)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).tmp"
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Moves a finished temporary file onto the output path in one step.
    public func commit(from temporary: String) throws {
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw VerdantError.output(file: path, problem: reason)
        }
    }

    /// Writes `data` atomically.
    public func write(_ data: Data) throws {
        let tmp = temporarySibling(tag: "write")
        do {
            try data.write(to: URL(fileURLWithPath: tmp))
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw VerdantError.output(file: path, problem: "\(error.localizedDescription)")
        }
        try commit(from: tmp)
    }
}
