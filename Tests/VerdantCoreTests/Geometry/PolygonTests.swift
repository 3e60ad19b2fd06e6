import Testing
@testable import VerdantCore

@Suite("Polygon")
struct PolygonTests {
    @Test("area subtracts holes and ignores orientation")
    func area() {
        let polygon = Polygon(
            exterior: CoverageTestSupport.rectangle(0, 0, 4, 3),
            holes: [CoverageTestSupport.rectangle(1, 1, 2, 2), CoverageTestSupport.rectangle(2.5, 1, 3, 2).reversed()])
        #expect(polygon.area == 12 - 1 - 0.5)
        let reversed = Polygon(exterior: polygon.exterior.reversed(), holes: polygon.holes.map { $0.reversed() })
        #expect(reversed.area == polygon.area)
    }

    @Test("bounding box covers every ring")
    func boundingBox() {
        let polygon = Polygon(exterior: CoverageTestSupport.ring([(0, 0), (5, 1), (2, 4)]))
        #expect(polygon.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 5, maxY: 4))
        #expect(Polygon(exterior: []).boundingBox == nil)
    }
}
