import Foundation

/// Checks, a lock and temporary names for an output file, so that nothing is half-written, no input is overwritten
/// and no two runs write the same output (see `OutputLocks`).
public struct OutputPath: Hashable, Sendable {
    /// The final path.
    public let path: String
    /// The inputs it must not be, as given.
    public let inputs: [String]
    /// Whether an existing file at `path` may be replaced.
    public let overwrite: Bool

    /// An output path, refused when it is one of `inputs`, its folder does not exist, it exists already and
    /// `overwrite` is false, or another run is writing it. Takes the output's lock (held until it is in place).
    public init(_ path: String, inputs: [String] = [], overwrite: Bool = false) throws {
        guard !path.isEmpty else { throw VerdantError.usage("empty output path") }
        let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        for input in inputs where !input.hasPrefix("/vsi") && !RemotePath.isRemote(input) {
            let other = URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath()
            if other.path == url.path {
                throw VerdantError.output(
                    file: path, problem: "it is also an input; Verdant never overwrites its inputs")
            }
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw VerdantError.output(file: path, problem: "it is a directory")
        }
        if !overwrite && FileManager.default.fileExists(atPath: path) {
            throw VerdantError.output(
                file: path, problem: "it exists already; use \(param: .overwrite) to overwrite it")
        }
        let dir = url.deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) || !isDir.boolValue {
            throw VerdantError.output(file: path, problem: "the folder \(dir) does not exist")
        }
        if !FileManager.default.isWritableFile(atPath: dir) {
            throw VerdantError.output(file: path, problem: "the folder \(dir) is not writable")
        }
        try OutputLocks.acquire(path)
        self.path = path
        self.inputs = inputs
        self.overwrite = overwrite
    }

    /// A sidecar of this output (`path`, such as a CSV's `.csvt`), checked and locked under the same rules.
    public func sidecar(_ path: String) throws -> OutputPath {
        try OutputPath(path, inputs: inputs, overwrite: overwrite)
    }

    /// A fresh hidden temporary path beside the output (same file system, so the final rename is atomic), noted in
    /// `TemporaryFiles` until it is renamed into place or removed.
    /// `suffix` ends the name (e.g. `.gpkg`, for drivers that go by the extension).
    public func temporarySibling(tag: String, suffix: String = "") -> String {
        let url = URL(fileURLWithPath: path)
        let name =
            ".\(url.lastPathComponent).verdant-\(tag)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).tmp\(suffix)"
        let temporary = url.deletingLastPathComponent().appendingPathComponent(name).path
        TemporaryFiles.register(temporary)
        return temporary
    }

    /// Moves a finished temporary file onto the output path in one step; while a `Publication` is current, at the
    /// end of the run together with the run's other outputs.
    public func commit(from temporary: String) throws {
        if let publication = Publication.current {
            publication.add(temporary: temporary, output: self)
        } else {
            try rename(from: temporary)
        }
    }

    /// Removes a temporary file of this output that will not be committed.
    public func discard(_ temporary: String) {
        unlink(temporary)
        TemporaryFiles.unregister(temporary)
    }

    /// Renames `temporary` onto the output now and releases the output's lock.
    func rename(from temporary: String) throws {
        defer { OutputLocks.release(path) }
        if Foundation.rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            discard(temporary)
            throw VerdantError.output(file: path, problem: ErrorText(reason))
        }
        TemporaryFiles.unregister(temporary)
    }

    /// Writes `data` atomically.
    public func write(_ data: Data) throws {
        let tmp = temporarySibling(tag: "write")
        do {
            try data.write(to: URL(fileURLWithPath: tmp))
        } catch {
            discard(tmp)
            throw VerdantError.output(file: path, problem: "\(error.localizedDescription)")
        }
        try commit(from: tmp)
    }
}
