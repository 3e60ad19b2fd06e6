import Dispatch
import Foundation
import Verdant

/// On SIGINT, SIGTERM or SIGHUP: removes the run's temporary files and output locks, says so, and exits with
/// 128 + the signal number, leaving no partial output.
enum Interruption {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers (once, before any work).
    static func install() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                let removed = TemporaryFiles.removeAllForInterruption()
                OutputLocks.releaseAll()
                let name = signalNumber == SIGINT ? "SIGINT" : signalNumber == SIGTERM ? "SIGTERM" : "SIGHUP"
                FileHandle.standardError.write(
                    Data(
                        "verdant: interrupted by \(name): no output was written (\(removed) temporary file(s) removed)\n"
                            .utf8))
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
