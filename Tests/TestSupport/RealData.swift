import Foundation

/// The real scenes in `../shared/real-data/` beside the project (see its README); nil when absent.
public enum RealData {
    /// The folder, found from this source file's location (the project root's sibling `shared/real-data`).
    public static var folder: String? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let candidate = url.deletingLastPathComponent().appendingPathComponent("shared/real-data").path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    /// A file in the folder, or nil (with a note on stderr saying the test is skipped) when it is absent.
    public static func file(_ relative: String) -> String? {
        guard let folder else {
            FileHandle.standardError.write(
                Data("skipping: ../shared/real-data/ is absent, so \(relative) cannot be read\n".utf8))
            return nil
        }
        let path = folder + "/" + relative
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// A file in the folder; throws (so the test fails, never passes silently) when the folder or the file is
    /// absent. Tests using it are enabled only `if: RealData.isPresent`.
    public static func require(_ relative: String) throws -> String {
        guard let folder else { throw Missing(path: "../shared/real-data/" + relative) }
        let path = folder + "/" + relative
        guard FileManager.default.fileExists(atPath: path) else { throw Missing(path: path) }
        return path
    }

    /// A real-data file that a test needs is missing.
    public struct Missing: Error, CustomStringConvertible {
        /// The file.
        public var path: String
        /// What is missing.
        public var description: String { "real-data file missing: \(path)" }
    }

    /// True when the folder exists.
    public static var isPresent: Bool { folder != nil }
}

/// The project's root folder (for sample-rasters and the built binary).
public enum ProjectRoot {
    /// The path of the package root.
    public static var path: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    /// A file of `sample-rasters/`.
    public static func sample(_ name: String) -> String { path + "/sample-rasters/" + name }
}
