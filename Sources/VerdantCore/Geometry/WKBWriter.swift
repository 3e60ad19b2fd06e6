/// ISO well-known binary (little-endian, 2D) of polygons, as OGR exports them.
package enum WKBWriter {
    /// A Polygon of rings, each ring flat (x0, y0, x1, y1, …).
    package static func polygon(_ rings: [[Double]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(9 + rings.reduce(0) { $0 + 4 + $1.count * 8 })
        appendPolygon(rings, to: &out)
        return out
    }

    /// A MultiPolygon of polygons of flat rings.
    package static func multiPolygon(_ polygons: [[[Double]]]) -> [UInt8] {
        var out: [UInt8] = [1]
        append(UInt32(6), to: &out)
        append(UInt32(polygons.count), to: &out)
        for p in polygons { appendPolygon(p, to: &out) }
        return out
    }

    private static func appendPolygon(_ rings: [[Double]], to out: inout [UInt8]) {
        out.append(1)
        append(UInt32(3), to: &out)
        append(UInt32(rings.count), to: &out)
        for ring in rings {
            append(UInt32(ring.count / 2), to: &out)
            for v in ring { append(v.bitPattern, to: &out) }
        }
    }

    private static func append<T: FixedWidthInteger>(_ v: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }
}
