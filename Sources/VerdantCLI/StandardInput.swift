import Foundation
import Verdant

/// `--parcels -`: the GeoJSON on standard input, read once into a private file (in a folder of its own, mode
/// 0700) that GDAL opens like any other, and removed when the process exits. Messages name it "standard input".
enum StandardInput {
    /// What messages call it.
    static let name = "standard input"

    /// The folder and file, once standard input has been read.
    private static let saved = LockedValue<(folder: String, file: String)?>(nil)

    /// `path`, or for `-` the file holding standard input (read at the first call).
    static func path(_ path: String) throws -> String {
        guard path == "-" else { return path }
        return try saved.withLock { saved in
            if let saved { return saved.file }
            let data = FileHandle.standardInput.readDataToEndOfFile()
            try check(data)
            let folder =
                NSTemporaryDirectory()
                + "verdant-stdin-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
            TemporaryFiles.note(folder)
            let file = folder + "/standard-input.geojson"
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
                guard
                    FileManager.default.createFile(atPath: file, contents: data, attributes: [.posixPermissions: 0o600])
                else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                throw VerdantError.input(file: name, problem: "could not be saved to a temporary file (\(error))")
            }
            saved = (folder, file)
            return file
        }
    }

    /// Throws unless `data` is a GeoJSON object (a FeatureCollection, a Feature or a geometry).
    static func check(_ data: Data) throws {
        guard data.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw VerdantError.input(file: name, problem: "is empty: --parcels - reads GeoJSON from standard input")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["type"] is String
        else {
            throw VerdantError.input(
                file: name, problem: "is not GeoJSON (--parcels - reads one GeoJSON object from standard input)")
        }
    }

    /// `text` with the file holding standard input named as such.
    static func naming(_ text: String) -> String {
        guard let file = saved.withLock({ $0?.file }) else { return text }
        return text.replacingOccurrences(of: file, with: name)
    }

    /// Removes the file (at exit).
    static func remove() {
        if let folder = saved.withLock({ $0?.folder }) { TemporaryFiles.remove(folder) }
    }
}
