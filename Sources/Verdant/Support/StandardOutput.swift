import Foundation

/// Standard output for results (CSV, JSON, summaries): written at once, unbuffered, so that a failure to write
/// (a full disk, a closed pipe) is an output error naming standard output rather than a crash or a lost tail.
public enum StandardOutput {
    /// Writes `text` to standard output; throws `VerdantError.output` naming standard output when it cannot.
    public static func write(_ text: String) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            // The system's reason (e.g. "No space left on device"), from the POSIX error under Foundation's.
            let ns = error as NSError
            let posix = [ns, ns.userInfo[NSUnderlyingErrorKey] as? NSError].compactMap { $0 }.first {
                $0.domain == NSPOSIXErrorDomain
            }
            let reason = posix.map { String(cString: strerror(Int32($0.code))) } ?? error.localizedDescription
            throw VerdantError.output(file: "standard output", problem: ErrorText(reason))
        }
    }
}
