/// Reads 2D Polygon and MultiPolygon ISO WKB (little-endian) into rings of flat (x, y) values.
package struct WKBReader {
    let bytes: [UInt8]
    var position = 0

    /// A reader at the start of `bytes`.
    package init(bytes: [UInt8]) { self.bytes = bytes }

    /// True when every byte was read.
    package var atEnd: Bool { position == bytes.count }

    /// The polygons of a Polygon or MultiPolygon, nil for anything else.
    package mutating func polygonal() -> [[[Double]]]? {
        guard let type = header() else { return nil }
        switch type {
        case 3: return polygon().map { [$0] }
        case 6:
            guard let count = uint32() else { return nil }
            var out: [[[Double]]] = []
            for _ in 0..<count {
                guard header() == 3, let p = polygon() else { return nil }
                out.append(p)
            }
            return out
        default: return nil
        }
    }

    private mutating func header() -> UInt32? {
        guard position < bytes.count, bytes[position] == 1 else { return nil }
        position += 1
        return uint32()
    }

    private mutating func polygon() -> [[Double]]? {
        guard let rings = uint32() else { return nil }
        var out: [[Double]] = []
        for _ in 0..<rings {
            guard let n = uint32(), position + Int(n) * 16 <= bytes.count else { return nil }
            var ring = [Double](repeating: 0, count: Int(n) * 2)
            for k in 0..<(Int(n) * 2) {
                var bits: UInt64 = 0
                for b in 0..<8 { bits |= UInt64(bytes[position + b]) << (8 * UInt64(b)) }
                ring[k] = Double(bitPattern: bits)
                position += 8
            }
            out.append(ring)
        }
        return out
    }

    private mutating func uint32() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        let v =
            UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8 | UInt32(bytes[position + 2]) << 16 | UInt32(
                bytes[position + 3]) << 24
        position += 4
        return v
    }
}
