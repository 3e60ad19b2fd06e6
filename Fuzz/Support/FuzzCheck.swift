import Foundation

/// Failing a fuzz input: the message goes to standard error and the process aborts, so libFuzzer records the input
/// as a crash.
public enum FuzzCheck {
    /// Aborts with `message` unless `condition` holds.
    public static func require(
        _ condition: Bool, _ message: @autoclosure () -> String,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        if !condition { fail(message(), file: file, line: line) }
    }

    /// Aborts with `message`.
    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        FileHandle.standardError.write(Data("fuzz check failed at \(file):\(line): \(message)\n".utf8))
        abort()
    }
}
