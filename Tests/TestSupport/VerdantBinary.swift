import Foundation

/// Runs the built `verdant` executable, as a user or a CI pipeline would.
public enum VerdantBinary {
    /// The result of one run.
    public struct Result: Sendable {
        /// Exit status.
        public var status: Int32
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
    }

    /// The executable: `$VERDANT_BIN`, else `verdant` beside the test bundle, else `.build/debug/verdant`.
    public static var path: String {
        if let env = ProcessInfo.processInfo.environment["VERDANT_BIN"] { return env }
        return builtProduct("verdant")
    }

    /// A product built beside the test bundle (or in `.build/debug`).
    public static func builtProduct(_ name: String) -> String {
        var candidates: [String] = []
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            candidates.append(url.appendingPathComponent(name).path)
            url.deleteLastPathComponent()
        }
        candidates.append(ProjectRoot.path + "/.build/debug/" + name)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    /// Runs `verdant` with `arguments` and no standard input; `standardOutput` (e.g. `/dev/full`) replaces the pipe
    /// its output is read from (the result's `stdout` is then empty); `environment` adds to (or replaces) the test's
    /// environment variables.
    public static func run(
        _ arguments: [String], in directory: String? = nil, standardOutput: String? = nil,
        environment: [String: String] = [:]
    ) throws -> Result {
        try run(
            executable: path, arguments, in: directory, standardOutput: standardOutput, environment: environment)
    }

    /// Runs any executable with `arguments` and no standard input.
    public static func run(
        executable: String, _ arguments: [String], in directory: String? = nil,
        standardOutput: String? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        if let standardOutput {
            guard let handle = FileHandle(forWritingAtPath: standardOutput) else { throw CocoaError(.fileWriteUnknown) }
            process.standardOutput = handle
            try? out.fileHandleForWriting.close()
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read standard error on another thread, so that a child writing much to it cannot block on a full pipe.
        let errBox = DataBox()
        let reader = Thread {
            errBox.data = err.fileHandleForReading.readDataToEndOfFile(); errBox.done.signal()
        }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errBox.done.wait()
        let errData = errBox.data
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}
