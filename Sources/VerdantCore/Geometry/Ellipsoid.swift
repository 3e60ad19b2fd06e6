#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// An ellipsoid of revolution, for exact areas on longitude/latitude grids and of longitude/latitude polygons.
///
/// Areas use the authalic-latitude function `q(φ) = sin φ / (1 − e² sin² φ) + atanh(e sin φ) / e`, whose derivative
/// is `2 cos φ / (1 − e² sin² φ)²`, so the area between latitudes φ1 < φ2 over a longitude span Δλ (radians) is
/// `(b² / 2) · Δλ · (q(φ2) − q(φ1))`. Differences of `q` are evaluated in a cancellation-free form, so thin rows keep
/// full relative precision.
public struct Ellipsoid: Hashable, Sendable {
    /// The equatorial radius a, in metres.
    public let semiMajorAxis: Double
    /// 1 / f; 0 or infinity (GDAL's and the mathematical convention) mean a sphere.
    public let inverseFlattening: Double
    /// e², the first eccentricity squared.
    public let eccentricitySquared: Double
    /// b² / 2 in m², the factor of the zone areas.
    private let halfMinorSquared: Double

    /// The WGS 84 ellipsoid (a = 6 378 137 m, 1/f = 298.257223563).
    public static let wgs84 = Ellipsoid(semiMajorAxis: 6_378_137, inverseFlattening: 298.257223563)

    /// Creates an ellipsoid from a > 0 (metres) and 1/f > 1, or 1/f = 0 or infinity for a sphere.
    ///
    /// Values outside those ranges are not rejected (so that a grid's CRS can always be described) but give
    /// meaningless (NaN or wrong) areas.
    public init(semiMajorAxis: Double, inverseFlattening: Double) {
        self.semiMajorAxis = semiMajorAxis
        self.inverseFlattening = inverseFlattening
        let flattening = inverseFlattening == 0 || inverseFlattening.isInfinite ? 0 : 1 / inverseFlattening
        eccentricitySquared = flattening * (2 - flattening)
        let minor = semiMajorAxis * (1 - flattening)
        halfMinorSquared = minor * minor / 2
    }

    /// f, the flattening (0 for a sphere).
    public var flattening: Double {
        inverseFlattening == 0 || inverseFlattening.isInfinite ? 0 : 1 / inverseFlattening
    }

    /// b = a (1 − f), the polar radius in metres.
    public var semiMinorAxis: Double { semiMajorAxis * (1 - flattening) }

    /// The area in m² of the band between two latitudes over a span of longitude, all in degrees.
    ///
    /// Exact closed form; the result is the (non-negative) magnitude, whatever the order of the latitudes or the
    /// sign of the span. Latitudes must lie in [−90, 90].
    public func cellRowArea(southLatitude: Double, northLatitude: Double, longitudeSpan: Double) -> Double {
        let radians = Double.pi / 180
        let south = southLatitude * radians
        // The difference is taken in degrees first, so thin rows keep their relative precision.
        let zoneArea = zone(from: south, sine: sin(south), offset: (northLatitude - southLatitude) * radians)
        return abs(zoneArea * (longitudeSpan * radians))
    }

    /// The area in m² of a polygon with longitude (x) / latitude (y) coordinates in degrees, holes subtracted.
    ///
    /// Edges are straight lines in longitude/latitude, as on the grid. Computed by Green's theorem as
    /// `|∮ (b²/2)(q(φ) − q(φ₀)) dλ|` per ring, with a 16-point Gauss–Legendre rule along each edge (exact for edges
    /// of constant latitude, to round-off elsewhere). Longitudes are used as given: a ring crossing the
    /// antimeridian must use continuous longitudes (e.g. 179 to 181).
    public func area(of polygon: Polygon) -> Double {
        var total = ringArea(polygon.exterior)
        for hole in polygon.holes {
            total -= ringArea(hole)
        }
        return total
    }

    /// The area in m² of a multipolygon with longitude/latitude coordinates in degrees: the sum of its parts' areas.
    public func area(of polygon: MultiPolygon) -> Double {
        polygon.polygons.reduce(0) { $0 + area(of: $1) }
    }

    /// The magnitude of the area of one ring (closed or open), in m².
    ///
    /// Latitudes enter as offsets in degrees from the first vertex's latitude, so small parcels far from the
    /// equator or the prime meridian keep full relative precision.
    private func ringArea(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        let radians = Double.pi / 180
        let referenceDegrees = ring[0].y
        let reference = referenceDegrees * radians
        let sineReference = sin(reference)
        let (nodes, weights) = GaussLegendre.rule
        var sum = 0.0
        var previous = ring[ring.count - 1]
        for point in ring {
            defer { previous = point }
            let spanLongitude = (point.x - previous.x) * radians
            if spanLongitude == 0 { continue }
            if previous.y == point.y {
                let offset = (point.y - referenceDegrees) * radians
                sum += zone(from: reference, sine: sineReference, offset: offset) * spanLongitude
                continue
            }
            let startOffset = previous.y - referenceDegrees, stopOffset = point.y - referenceDegrees
            // Pieces of at most 30° of latitude keep the 16-point rule exact to round-off even near the poles.
            let pieces = Swift.max(1, Int((abs(stopOffset - startOffset) / 30).rounded(.up)))
            let pieceSpan = (stopOffset - startOffset) / Double(pieces)
            var edgeSum = 0.0
            for piece in 0..<pieces {
                let pieceStart = startOffset + Double(piece) * pieceSpan
                var pieceSum = 0.0
                for k in 0..<nodes.count {
                    let offset = (pieceStart + nodes[k] * pieceSpan) * radians
                    pieceSum += weights[k] * zone(from: reference, sine: sineReference, offset: offset)
                }
                edgeSum += pieceSum
            }
            sum += edgeSum / Double(pieces) * spanLongitude
        }
        return abs(sum)
    }

    /// (b² / 2)(q(φ1 + δ) − q(φ1)) for φ1 (radians, with its sine) and the offset δ (radians): the signed area per
    /// radian of longitude between the two latitudes, free of cancellation for small δ.
    private func zone(from latitude1: Double, sine s1: Double, offset: Double) -> Double {
        let s2 = sin(latitude1 + offset)
        // s2 − s1 = 2 cos(φ1 + δ/2) sin(δ/2), exact in relative terms however small δ is.
        let ds = 2 * cos(latitude1 + offset / 2) * sin(offset / 2)
        let e2 = eccentricitySquared
        if e2 == 0 { return halfMinorSquared * 2 * ds }
        let e = e2.squareRoot()
        let d1 = 1 - e2 * s1 * s1, d2 = 1 - e2 * s2 * s2
        // s2/d2 − s1/d1 = ds (1 + e² s1 s2) / (d1 d2);  atanh(e s2) − atanh(e s1) = atanh(e ds / (1 − e² s1 s2)).
        let rational = ds * (1 + e2 * s1 * s2) / (d1 * d2)
        let logarithmic = atanh(e * ds / (1 - e2 * s1 * s2)) / e
        return halfMinorSquared * (rational + logarithmic)
    }
}
