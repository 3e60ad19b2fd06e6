import Foundation

/// One image file directory of a little-endian TIFF: its entries, each with its value's bytes as the file holds
/// them. Read from a classic TIFF that GDAL wrote (the COG writer's template, which carries GDAL's georeferencing,
/// nodata, metadata and colour tags), and written, with new tile tags, as a classic TIFF or a BigTIFF directory.
struct TIFFDirectory: Hashable, Sendable {
    /// One entry: a tag, its field type, the number of values and their bytes (little-endian).
    struct Entry: Hashable, Sendable {
        var tag: UInt16
        var type: UInt16
        var count: Int
        var bytes: [UInt8]
    }

    /// The entries, by tag.
    private(set) var entries: [Entry]

    /// The tags the COG writer sets itself.
    enum Tag {
        static let newSubfileType: UInt16 = 254
        static let imageWidth: UInt16 = 256
        static let imageLength: UInt16 = 257
        static let tileOffsets: UInt16 = 324
        static let tileByteCounts: UInt16 = 325
        /// The georeferencing tags (GeoTIFF) and GDAL's metadata: on the full-resolution image only.
        static let mainImageOnly: Set<UInt16> = [33550, 33922, 34264, 34735, 34736, 34737, 42112]
    }

    /// TIFF field types: SHORT, LONG and LONG8.
    enum FieldType {
        static let short: UInt16 = 3
        static let long: UInt16 = 4
        static let long8: UInt16 = 16
    }

    /// The bytes of one value of a field type; 0 for a type this reader does not know.
    static func size(of type: UInt16) -> Int {
        switch type {
        case 1, 2, 6, 7: 1
        case 3, 8: 2
        case 4, 9, 11, 13: 4
        case 5, 10, 12, 16, 17, 18: 8
        default: 0
        }
    }

    /// The first directory of the classic little-endian TIFF in `data`; throws a message when it is not one.
    init(firstOf data: [UInt8]) throws {
        func u16(_ at: Int) throws -> UInt16 {
            guard at >= 0, at + 2 <= data.count else { throw TIFFDirectoryError("truncated at byte \(at)") }
            return UInt16(data[at]) | UInt16(data[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> UInt32 { UInt32(try u16(at)) | UInt32(try u16(at + 2)) << 16 }
        guard data.count >= 8, data[0] == 0x49, data[1] == 0x49, try u16(2) == 42 else {
            throw TIFFDirectoryError("not a classic little-endian TIFF")
        }
        let start = Int(try u32(4))
        let n = Int(try u16(start))
        var entries: [Entry] = []
        for k in 0..<n {
            let at = start + 2 + 12 * k
            let tag = try u16(at), type = try u16(at + 2), count = Int(try u32(at + 4))
            let size = Self.size(of: type)
            guard size > 0 else { throw TIFFDirectoryError("tag \(tag) has the unknown field type \(type)") }
            let length = size * count
            let from = length <= 4 ? at + 8 : Int(try u32(at + 8))
            guard from + length <= data.count else { throw TIFFDirectoryError("tag \(tag)'s values are truncated") }
            entries.append(Entry(tag: tag, type: type, count: count, bytes: Array(data[from..<(from + length)])))
        }
        self.entries = entries.sorted { $0.tag < $1.tag }
    }

    /// The value of a SHORT or LONG tag with one value; nil when absent.
    func integer(_ tag: UInt16) -> Int? {
        guard let e = entries.first(where: { $0.tag == tag }), e.count == 1 else { return nil }
        return e.bytes.reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    /// Sets `tag` to `values` of field type `type` (SHORT, LONG or LONG8), replacing it if present.
    mutating func set(_ tag: UInt16, type: UInt16, values: [UInt64]) {
        let size = Self.size(of: type)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size * values.count)
        for v in values {
            for b in 0..<size { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(b)))) }
        }
        remove(tag)
        entries.append(Entry(tag: tag, type: type, count: values.count, bytes: bytes))
        entries.sort { $0.tag < $1.tag }
    }

    /// Drops `tag`.
    mutating func remove(_ tag: UInt16) { entries.removeAll { $0.tag == tag } }

    /// The directory's bytes when it starts at `offset` in a classic TIFF (`bigTIFF` false) or a BigTIFF: the
    /// entry count, the entries, the offset of the next directory (`next`, 0 for none), then the values that do
    /// not fit in an entry, each on an even offset.
    func encoded(at offset: UInt64, bigTIFF: Bool, next: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        func put(_ v: UInt64, _ bytes: Int) {
            for b in 0..<bytes { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(b)))) }
        }
        let inline = bigTIFF ? 8 : 4, entrySize = bigTIFF ? 20 : 12, countSize = bigTIFF ? 8 : 2
        let head = countSize + entrySize * entries.count + inline
        var extra: [UInt8] = []
        var places: [UInt64] = []
        for e in entries where e.bytes.count > inline {
            if (head + extra.count) % 2 == 1 { extra.append(0) }
            places.append(offset + UInt64(head + extra.count))
            extra += e.bytes
        }
        put(UInt64(entries.count), countSize)
        var k = 0
        for e in entries {
            put(UInt64(e.tag), 2)
            put(UInt64(e.type), 2)
            put(UInt64(e.count), bigTIFF ? 8 : 4)
            if e.bytes.count > inline {
                put(places[k], inline)
                k += 1
            } else {
                out += e.bytes
                out += [UInt8](repeating: 0, count: inline - e.bytes.count)
            }
        }
        put(next, inline)
        return out + extra
    }
}

/// A template TIFF that is not what the COG writer expects (GDAL wrote something else).
struct TIFFDirectoryError: Error, CustomStringConvertible {
    /// What is wrong.
    var description: String
    init(_ description: String) { self.description = description }
}
