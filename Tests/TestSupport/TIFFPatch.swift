import Foundation

/// Edits a classic (non-Big) TIFF's first image file directory in place, independently of GDAL: to make headers
/// that claim what the data cannot hold (a huge ImageLength) or name what PROJ does not know (a GeoKey's EPSG code).
public enum TIFFPatch {
    /// Errors of a file that is not a classic TIFF with the tag or key asked for.
    public struct Failure: Error, CustomStringConvertible {
        /// What is missing.
        public var description: String
    }

    /// Sets tag `tag` of the first IFD to one LONG `value` (ImageWidth 256, ImageLength 257, …).
    public static func setLong(_ path: String, tag: Int, to value: UInt32) throws {
        var data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let layout = try Layout(data)
        guard let entry = layout.entries.first(where: { $0.tag == tag }) else {
            throw Failure(description: "\(path) has no tag \(tag)")
        }
        layout.put(&data, at: entry.at + 2, 4, size: 2)
        layout.put(&data, at: entry.at + 4, 1, size: 4)
        layout.put(&data, at: entry.at + 8, Int(value), size: 4)
        try Data(data).write(to: URL(fileURLWithPath: path))
    }

    /// Sets GeoKey `key` (e.g. 3072, ProjectedCSTypeGeoKey) of the GeoKeyDirectory (tag 34735) to `value`.
    public static func setGeoKey(_ path: String, key: Int, to value: UInt16) throws {
        var data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let layout = try Layout(data)
        guard let directory = layout.entries.first(where: { $0.tag == 34735 }) else {
            throw Failure(description: "\(path) has no GeoKeyDirectory")
        }
        let base = directory.count * 2 <= 4 ? directory.at + 8 : layout.get(data, at: directory.at + 8, size: 4)
        // Header of four SHORTs, then a (key, location, count, value) quadruple per key.
        let keys = layout.get(data, at: base + 6, size: 2)
        for k in 1...max(1, keys) where layout.get(data, at: base + 8 * k, size: 2) == key {
            layout.put(&data, at: base + 8 * k + 6, Int(value), size: 2)
            try Data(data).write(to: URL(fileURLWithPath: path))
            return
        }
        throw Failure(description: "\(path) has no GeoKey \(key)")
    }

    private struct Layout {
        var little: Bool
        var entries: [(at: Int, tag: Int, count: Int)] = []

        init(_ data: [UInt8]) throws {
            guard data.count >= 8, data[0] == data[1], data[0] == 0x49 || data[0] == 0x4D else {
                throw Failure(description: "not a TIFF")
            }
            little = data[0] == 0x49
            guard get(data, at: 2, size: 2) == 42 else { throw Failure(description: "not a classic TIFF") }
            let ifd = get(data, at: 4, size: 4)
            for e in 0..<get(data, at: ifd, size: 2) {
                let at = ifd + 2 + 12 * e
                entries.append((at, get(data, at: at, size: 2), get(data, at: at + 4, size: 4)))
            }
        }

        func get(_ data: [UInt8], at offset: Int, size: Int) -> Int {
            var v = 0
            for k in 0..<size { v |= Int(data[offset + (little ? k : size - 1 - k)]) << (8 * k) }
            return v
        }

        func put(_ data: inout [UInt8], at offset: Int, _ value: Int, size: Int) {
            for k in 0..<size { data[offset + (little ? k : size - 1 - k)] = UInt8((value >> (8 * k)) & 0xFF) }
        }
    }
}
