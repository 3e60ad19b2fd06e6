/// A set of polygons whose areas add up (the parts must not overlap for fractions to stay within [0, 1]).
public struct MultiPolygon: Hashable, Sendable {
    /// The parts.
    public var polygons: [Polygon]

    /// Creates a multipolygon from its parts.
    public init(polygons: [Polygon]) {
        self.polygons = polygons
    }

    /// Creates a multipolygon of one part.
    public init(_ polygon: Polygon) {
        self.polygons = [polygon]
    }

    /// The planar area: the sum of the parts' areas, holes subtracted.
    public var area: Double {
        polygons.reduce(0) { $0 + $1.area }
    }

    /// The box enclosing every ring of every part, or nil when there is no vertex.
    public var boundingBox: BoundingBox? {
        var result: BoundingBox?
        for polygon in polygons {
            guard let box = polygon.boundingBox else { continue }
            result = result.map { $0.union(box) } ?? box
        }
        return result
    }

    /// True when every coordinate of every ring is finite.
    public var isFinite: Bool {
        polygons.allSatisfy { polygon in
            polygon.exterior.allSatisfy(\.isFinite) && polygon.holes.allSatisfy { $0.allSatisfy(\.isFinite) }
        }
    }
}
