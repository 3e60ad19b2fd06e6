import Testing
import VerdantCore

/// Points in polygons with holes and several parts, by the even–odd rule.
@Suite struct PointInPolygonTests {
    static func ring(_ points: [(Double, Double)]) -> [Coordinate] { points.map { Coordinate(x: $0.0, y: $0.1) } }

    @Test func holesAndPartsAndEdges() {
        let square = Polygon(
            exterior: Self.ring([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]),
            holes: [Self.ring([(4, 4), (6, 4), (6, 6), (4, 6), (4, 4)])])
        let other = Polygon(exterior: Self.ring([(20, 0), (30, 0), (25, 8)]))
        let m = MultiPolygon(polygons: [square, other])
        #expect(m.contains(x: 1, y: 1) && m.contains(x: 9.5, y: 5))
        #expect(!m.contains(x: 5, y: 5), "in the hole")
        #expect(m.contains(x: 25, y: 2) && !m.contains(x: 21, y: 7))
        #expect(!m.contains(x: 15, y: 5) && !m.contains(x: -1, y: 5))
        // Two squares sharing the edge x = 10: a point on it lies in exactly one.
        let right = MultiPolygon(Polygon(exterior: Self.ring([(10, 0), (20, 0), (20, 10), (10, 10)])))
        let left = MultiPolygon(Polygon(exterior: Self.ring([(0, 0), (10, 0), (10, 10), (0, 10)])))
        #expect(left.contains(x: 10, y: 5) != right.contains(x: 10, y: 5))
    }
}
