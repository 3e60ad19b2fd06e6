import Foundation
import GDALKit

/// Finds the Sentinel-2 processing baseline (or the BOA_ADD_OFFSET itself) of a product from its metadata:
/// a STAC item's `s2:processing_baseline`, GDAL metadata of the band files, or the product's MTD_MSIL2A.xml.
public enum ProcessingBaseline {
    /// What was found and where.
    public struct Finding: Hashable, Sendable {
        /// The baseline (`05.09`), when found.
        public var baseline: String?
        /// BOA_ADD_OFFSET in DN (−1000), when found.
        public var addOffsetDN: Double?
        /// Where it was found.
        public var source: String
    }

    /// Looks in the files' GDAL metadata (dataset and band) and in MTD_MSIL2A.xml files up to four folders above
    /// each file (and in `folder`).
    public static func find(files: [String], folder: String? = nil) -> Finding? {
        for file in files where !file.hasPrefix("/vsicurl/") {
            guard let ds = try? Dataset.open(file) else { continue }
            var items = ds.metadata()
            if let b = try? ds.band(1) { items.merge(b.metadata()) { a, _ in a } }
            let offset = items["BOA_ADD_OFFSET"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            let baseline = items["PROCESSING_BASELINE"]
            if offset != nil || baseline != nil {
                return Finding(baseline: baseline, addOffsetDN: offset, source: "GDAL metadata of \(file)")
            }
        }
        // MTD files beside and up to four folders above each file (inside a zipped product too).
        var folders: [String] = folder.map { [SceneFolder.virtualPath($0) ?? $0] } ?? []
        for file in files where !file.hasPrefix("/vsi") || file.hasPrefix("/vsizip/") {
            // Cut at the last slash by hand: path APIs would merge the `//` of `/vsizip//data/…`.
            var dir = file
            for _ in 0..<5 {
                guard let slash = dir.lastIndex(of: "/"), slash != dir.startIndex else { break }
                dir = String(dir[..<slash])
                if dir == "/vsizip" || dir == "/vsizip/" { break }
                folders.append(dir)
            }
        }
        for dir in folders {
            for name in ["MTD_MSIL2A.xml", "MTD_MSIL1C.xml"] {
                let xml = dir + "/" + name
                let text =
                    xml.hasPrefix("/vsi")
                    ? VirtualFiles.contents(xml).map { String(decoding: $0, as: UTF8.self) }
                    : try? String(contentsOfFile: xml, encoding: .utf8)
                if let text, let f = parse(mtd: text, file: xml) { return f }
            }
        }
        return nil
    }

    /// Reads `<PROCESSING_BASELINE>` and `<BOA_ADD_OFFSET>` from an MTD XML text.
    static func parse(mtd text: String, file: String) -> Finding? {
        func element(_ name: String) -> String? {
            guard let open = text.range(of: "<\(name)"),
                let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex),
                let gt = text.range(of: ">", range: open.upperBound..<close.lowerBound)
            else { return nil }
            return String(text[gt.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let baseline = element("PROCESSING_BASELINE")
        let offset = element("BOA_ADD_OFFSET").flatMap(Double.init)
        guard baseline != nil || offset != nil else { return nil }
        return Finding(baseline: baseline, addOffsetDN: offset, source: file)
    }

    /// True when baseline `a` ≥ `b` (`05.09` ≥ `04.00`).
    static func atLeast(_ a: String, _ b: String) -> Bool? {
        guard let x = Double(a.trimmingCharacters(in: .whitespaces)), let y = Double(b) else { return nil }
        return x >= y
    }
}
