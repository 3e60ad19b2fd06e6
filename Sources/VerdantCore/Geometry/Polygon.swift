/// A polygon: one exterior ring and any number of hole rings, each closed (first == last) or open, either orientation.
public struct Polygon: Hashable, Sendable {
    /// The outer boundary.
    public var exterior: [Coordinate]
    /// The holes, each lying inside `exterior` and not overlapping one another.
    public var holes: [[Coordinate]]

    /// Creates a polygon from its exterior ring and holes.
    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// The planar area: |area of the exterior| − Σ |area of each hole| (orientation does not matter).
    public var area: Double {
        var total = abs(Shoelace.signedArea(of: exterior))
        for hole in holes {
            total -= abs(Shoelace.signedArea(of: hole))
        }
        return total
    }

    /// The box enclosing every ring, or nil for a polygon without vertices.
    public var boundingBox: BoundingBox? {
        BoundingBox(enclosing: ([exterior] + holes).joined())
    }
}
