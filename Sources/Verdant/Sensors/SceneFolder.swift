import Foundation
import GDALKit

/// The rasters of a product folder (a Sentinel-2 .SAFE, a Landsat scene folder, any folder of band files), and
/// which file holds which band, by the band names in the file names.
public struct SceneFolder: Hashable, Sendable {
    /// The folder.
    public var path: String
    /// Raster files found (recursively), sorted.
    public var files: [String]

    /// Lists the rasters (`.tif`, `.tiff`, `.jp2`, `.vrt`, `.img`) under `path`: a folder, a `.zip` of one (a
    /// zipped Sentinel-2 .SAFE, read through GDAL's `/vsizip/`) or a GDAL virtual path such as `/vsizip/…`.
    public init(path: String) throws {
        let extensions: Set<String> = ["tif", "tiff", "jp2", "vrt", "img"]
        var found: [String] = []
        if let virtual = SceneFolder.virtualPath(path) {
            guard let listed = VirtualFiles.listRecursively(virtual) else {
                throw VerdantError.input(
                    file: path, problem: "cannot be read as a zipped product (not a .zip GDAL opens)")
            }
            for relative in listed where extensions.contains((relative as NSString).pathExtension.lowercased()) {
                found.append(virtual + "/" + relative)
            }
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
                throw VerdantError.input(file: path, problem: "is not a folder (nor a .zip of a product)")
            }
            if let walker = FileManager.default.enumerator(atPath: path) {
                for case let relative as String in walker
                where extensions.contains((relative as NSString).pathExtension.lowercased()) {
                    found.append((path as NSString).appendingPathComponent(relative))
                }
            }
        }
        self.path = path
        self.files = found.sorted()
    }

    /// The GDAL virtual path of a zipped product: `/vsizip/` and the absolute path for a `.zip` file, `path`
    /// itself for a `/vsi…/` path; nil for a plain folder.
    static func virtualPath(_ path: String) -> String? {
        if path.hasPrefix("/vsi") { return path.hasSuffix("/") ? String(path.dropLast()) : path }
        guard path.lowercased().hasSuffix(".zip") else { return nil }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return "/vsizip/" + absolute
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
