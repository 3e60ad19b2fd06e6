import Foundation

/// A folder of this fuzzing process (under /dev/shm when there is one), for the readers that take a path.
public enum FuzzScratch {
    /// The folder, created on first use and private to this process.
    public static let folder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = base + "/verdant-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Writes the fuzz input to `name` in the folder and returns its path.
    public static func write(_ data: UnsafePointer<UInt8>?, _ size: Int, name: String) -> String {
        let path = folder + "/" + name
        let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
        if (try? bytes.write(to: URL(fileURLWithPath: path))) != nil { return path }
        // The folder may have been removed under the fuzzer (seen once in CI): make it again and retry once.
        let first = String(cString: strerror(errno))
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        do { try bytes.write(to: URL(fileURLWithPath: path)) } catch {
            FuzzCheck.fail("cannot write the scratch file \(path): \(first), then \(error)")
        }
        return path
    }
}
