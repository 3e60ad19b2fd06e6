import Foundation
import GDALKit

/// The rasters of a product folder (a Sentinel-2 .SAFE, a Landsat scene folder, any folder of band files), and
/// which file holds which band, by the band names in the file names.
public struct SceneFolder: Hashable, Sendable {
    /// The folder.
    public var path: String
    /// Raster files found (recursively), sorted.
    public var files: [String]

    /// Lists the rasters (`.tif`, `.tiff`, `.jp2`, `.vrt`, `.img`) under `path`.
    public init(path: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            throw VerdantError.input(file: path, problem: "is not a folder")
        }
        let extensions: Set<String> = ["tif", "tiff", "jp2", "vrt", "img"]
        var found: [String] = []
        if let walker = FileManager.default.enumerator(atPath: path) {
            for case let relative as String in walker
            where extensions.contains((relative as NSString).pathExtension.lowercased()) {
                found.append((path as NSString).appendingPathComponent(relative))
            }
        }
        self.path = path
        self.files = found.sorted()
    }

    /// True when `name` appears in `file`'s name as a whole token (between non-alphanumeric characters).
    static func fileName(_ file: String, contains name: String) -> Bool {
        let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        let token = name.lowercased()
        var search = base.startIndex
        while let r = base.range(of: token, range: search..<base.endIndex) {
            let before = r.lowerBound == base.startIndex ? nil : base[base.index(before: r.lowerBound)]
            let after = r.upperBound == base.endIndex ? nil : base[r.upperBound]
            if !(before?.isLetter ?? false || before?.isNumber ?? false)
                && !(after?.isLetter ?? false || after?.isNumber ?? false)
            {
                return true
            }
            search = base.index(after: r.lowerBound)
        }
        return false
    }

    /// The file for one of `names`: among files naming it, the one with the finest cells (e.g. B04 at 10 m, not
    /// 20 or 60 m). Integer names (band numbers) are not file names and are skipped.
    public func file(named names: [String]) -> String? {
        for name in names where Int(name) == nil {
            let candidates = files.filter { SceneFolder.fileName($0, contains: name) }
            if candidates.count <= 1 { if let c = candidates.first { return c } else { continue } }
            return candidates.min { cellSize($0) < cellSize($1) }
        }
        return nil
    }

    private func cellSize(_ file: String) -> Double {
        (try? Dataset.open(file).geoTransform?.cellArea) ?? .infinity
    }
}
