import Foundation

/// Prints an HTML report to PDF with headless Chromium (the same HTML, through its print style sheet: A4
/// landscape, page numbers). Chromium is found as `VERDANT_CHROMIUM`, else `chromium`, `chromium-browser`,
/// `google-chrome` on the `PATH`; without one, `--pdf` is an error saying what to install.
public enum PDFRenderer {
    /// How long a rendering may take before it is stopped, seconds.
    public static let timeout: TimeInterval = 180

    /// The Chromium executable, or an error saying how to get one.
    public static func chromium() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["VERDANT_CHROMIUM"], !given.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: given) else {
                throw VerdantError.usage(ErrorText("VERDANT_CHROMIUM=\(given): not an executable file"))
            }
            return given
        }
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in path where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        throw VerdantError.usage(
            "\(param: .pdf) needs headless Chromium, which is not installed: install it (Debian/Ubuntu: apt-get install chromium) or set VERDANT_CHROMIUM to its executable"
        )
    }

    /// The PDF of the HTML document `html`, printed by Chromium in a scratch folder of its own (its own profile,
    /// removed after).
    public static func pdf(of html: String) throws -> Data {
        let chromium = try chromium()
        let scratch =
            NSTemporaryDirectory() + "verdant-pdf-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        TemporaryFiles.note(scratch)
        defer { TemporaryFiles.remove(scratch) }
        let page = scratch + "/report.html", out = scratch + "/report.pdf"
        try Data(html.utf8).write(to: URL(fileURLWithPath: page))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-pdf-header-footer", "--user-data-dir=\(scratch)/profile", "--print-to-pdf=\(out)",
            "file://\(page)"
        ]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Chromium writes a lot on standard error; it is read as it comes, and only its last lines are kept.
        let collected = ErrorTail()
        errors.fileHandleForReading.readabilityHandler = { collected.add($0.availableData) }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            errors.fileHandleForReading.readabilityHandler = nil
            throw VerdantError.output(file: out, problem: "Chromium did not finish printing in \(Int(timeout)) s")
        }
        errors.fileHandleForReading.readabilityHandler = nil
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: out), !data.isEmpty
        else {
            throw VerdantError.output(
                file: chromium,
                problem: "printing the report to PDF failed (exit \(process.terminationStatus)): \(collected.text)")
        }
        return data
    }

    /// The last bytes of a process's standard error.
    private final class ErrorTail: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes = Data()

        func add(_ data: Data) {
            lock.lock()
            bytes.append(data)
            if bytes.count > 2000 { bytes = bytes.suffix(2000) }
            lock.unlock()
        }

        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " | ")
        }
    }
}
