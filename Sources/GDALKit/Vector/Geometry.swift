internal import CGDAL

/// An OGR geometry, owned (freed once in `deinit`).
public final class Geometry {
    let handle: OGRGeometryH

    init(owning handle: OGRGeometryH) { self.handle = handle }

    deinit { OGR_G_DestroyGeometry(handle) }

    /// A geometry from ISO or OGC well-known binary.
    public convenience init(wkb: [UInt8]) throws {
        var h: OGRGeometryH?
        try GDALCall.checkOGR("reading a geometry from WKB") {
            wkb.withUnsafeBytes { OGR_G_CreateFromWkbEx($0.baseAddress, nil, &h, wkb.count) }
        }
        guard let h else { throw GDALError(context: "reading a geometry from WKB") }
        self.init(owning: h)
    }

    /// A geometry from well-known text.
    public convenience init(wkt: String) throws {
        var h: OGRGeometryH?
        var text: UnsafeMutablePointer<CChar>? = strdup(wkt)
        let start = text
        defer { free(start) }
        try GDALCall.checkOGR("reading the geometry '\(wkt.prefix(80))'") { OGR_G_CreateFromWkt(&text, nil, &h) }
        guard let h else { throw GDALError(context: "reading the geometry '\(wkt.prefix(80))'") }
        self.init(owning: h)
    }

    /// A multipolygon from polygons given as rings of (x, y) points (first ring exterior).
    public convenience init(multiPolygon polygons: [[[(x: Double, y: Double)]]]) {
        _ = GDALCall.registered
        let multi = OGR_G_CreateGeometry(wkbMultiPolygon)!
        for rings in polygons {
            let polygon = OGR_G_CreateGeometry(wkbPolygon)!
            for ring in rings {
                let r = OGR_G_CreateGeometry(wkbLinearRing)!
                for p in ring { OGR_G_AddPoint_2D(r, p.x, p.y) }
                OGR_G_CloseRings(r)
                OGR_G_AddGeometryDirectly(polygon, r)
            }
            OGR_G_AddGeometryDirectly(multi, polygon)
        }
        self.init(owning: multi)
    }

    /// A point.
    public convenience init(pointX x: Double, y: Double) {
        _ = GDALCall.registered
        let point = OGR_G_CreateGeometry(wkbPoint)!
        OGR_G_SetPoint_2D(point, 0, x, y)
        self.init(owning: point)
    }

    /// The smallest axis-aligned box holding the geometry, in its own coordinates; nil when it is empty.
    public var envelope: (minX: Double, maxX: Double, minY: Double, maxY: Double)? {
        guard OGR_G_IsEmpty(handle) == 0 else { return nil }
        var e = OGREnvelope()
        OGR_G_GetEnvelope(handle, &e)
        return (e.MinX, e.MaxX, e.MinY, e.MaxY)
    }

    /// The coordinates of a point geometry; nil for any other kind or an empty point.
    public var point: (x: Double, y: Double)? {
        guard OGR_GT_Flatten(OGR_G_GetGeometryType(handle)) == wkbPoint, OGR_G_IsEmpty(handle) == 0 else { return nil }
        return (OGR_G_GetX(handle, 0), OGR_G_GetY(handle, 0))
    }

    /// A copy as a multipolygon (polygons and collections of polygons promoted).
    public func multiPolygon() -> Geometry { Geometry(owning: OGR_G_ForceToMultiPolygon(OGR_G_Clone(handle))) }

    /// A copy.
    public func clone() -> Geometry { Geometry(owning: OGR_G_Clone(handle)) }

    /// The OGR type name, e.g. `POLYGON`, `MULTIPOLYGON`.
    public var typeName: String { OGR_G_GetGeometryName(handle).map { String(cString: $0) } ?? "" }

    /// True for empty geometries.
    public var isEmpty: Bool { OGR_G_IsEmpty(handle) != 0 }

    /// True when GEOS judges the geometry valid (always true when GDAL lacks GEOS).
    public var isValid: Bool { (try? GDALCall.run("checking a geometry") { OGR_G_IsValid(handle) }) ?? 0 != 0 }

    /// True for polygons, multipolygons, curve polygons and multi-surfaces.
    public var isPolygonal: Bool {
        let flat = OGR_GT_Flatten(OGR_G_GetGeometryType(handle))
        return flat == wkbPolygon || flat == wkbMultiPolygon || flat == wkbCurvePolygon || flat == wkbMultiSurface
    }

    /// Planar area in the geometry's units (holes subtracted).
    public var area: Double { OGR_G_Area(handle) }

    /// A valid version made by GDAL's MakeValid (GEOS); throws when GDAL cannot.
    public func makeValid() throws -> Geometry {
        let h = try GDALCall.handle("repairing a geometry with MakeValid") { OGR_G_MakeValid(handle) }
        return Geometry(owning: h)
    }

    /// Adds vertices so that no segment is longer than `maxLength` (in the geometry's units).
    public func segmentize(maxLength: Double) {
        OGR_G_Segmentize(handle, maxLength)
    }

    /// Transforms the geometry in place.
    public func transform(_ transformation: CoordinateTransformation) throws {
        try GDALCall.checkOGR(
            "transforming a geometry from \(transformation.source.name) to \(transformation.target.name)"
        ) {
            OGR_G_Transform(handle, transformation.handle)
        }
    }

    /// ISO well-known binary, little-endian.
    public var wkb: [UInt8] {
        let size = Int(OGR_G_WkbSize(handle))
        var out = [UInt8](repeating: 0, count: size)
        _ = out.withUnsafeMutableBytes {
            OGR_G_ExportToIsoWkb(handle, wkbNDR, $0.baseAddress?.assumingMemoryBound(to: UInt8.self))
        }
        return out
    }

    /// Well-known text.
    public var wkt: String {
        var out: UnsafeMutablePointer<CChar>?
        _ = OGR_G_ExportToIsoWkt(handle, &out)
        defer { VSIFree(out) }
        return out.map { String(cString: $0) } ?? ""
    }

    /// The polygonal parts as polygons → rings → (x, y) points, curves linearised; non-polygonal parts of a
    /// collection (lines, points) are left out and counted in `droppedParts`.
    public func polygons() -> (polygons: [[[(x: Double, y: Double)]]], droppedParts: Int) {
        var out: [[[(x: Double, y: Double)]]] = []
        var dropped = 0
        func ringPoints(_ ring: OGRGeometryH) -> [(x: Double, y: Double)] {
            let n = Int(OGR_G_GetPointCount(ring))
            var xs = [Double](repeating: 0, count: n), ys = [Double](repeating: 0, count: n)
            xs.withUnsafeMutableBytes { x in
                ys.withUnsafeMutableBytes { y in
                    _ = OGR_G_GetPoints(
                        ring, x.baseAddress, Int32(MemoryLayout<Double>.stride), y.baseAddress,
                        Int32(MemoryLayout<Double>.stride), nil, 0)
                }
            }
            return zip(xs, ys).map { ($0, $1) }
        }
        func walk(_ g: OGRGeometryH) {
            let flat = OGR_GT_Flatten(OGR_G_GetGeometryType(g))
            if OGR_G_IsEmpty(g) != 0 { return }
            switch flat {
            case wkbPolygon:
                var rings: [[(x: Double, y: Double)]] = []
                for i in 0..<OGR_G_GetGeometryCount(g) {
                    if let r = OGR_G_GetGeometryRef(g, i) { rings.append(ringPoints(r)) }
                }
                out.append(rings)
            case wkbMultiPolygon, wkbGeometryCollection, wkbMultiSurface:
                for i in 0..<OGR_G_GetGeometryCount(g) {
                    if let part = OGR_G_GetGeometryRef(g, i) { walk(part) }
                }
            case wkbCurvePolygon, wkbTriangle, wkbPolyhedralSurface, wkbTIN:
                if let linear = OGR_G_GetLinearGeometry(g, 0, nil) {
                    let polygon = OGR_G_ForceToMultiPolygon(linear)!
                    walk(polygon)
                    OGR_G_DestroyGeometry(polygon)
                } else {
                    dropped += 1
                }
            default:
                dropped += 1
            }
        }
        walk(handle)
        return (out, dropped)
    }
}
