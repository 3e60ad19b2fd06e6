import Testing
@testable import VerdantCore

@Suite("MultiPolygon")
struct MultiPolygonTests {
    let parts = MultiPolygon(polygons: [
        Polygon(
            exterior: CoverageTestSupport.rectangle(0, 0, 2, 2), holes: [CoverageTestSupport.rectangle(0.5, 0.5, 1, 1)]),
        Polygon(exterior: CoverageTestSupport.ring([(10, -5), (12, -5), (10, -1)]).reversed())
    ])

    @Test("area adds the parts, holes subtracted")
    func area() {
        #expect(parts.area == 4 - 0.25 + 4)
    }

    @Test("bounding box spans every part; nil when empty")
    func boundingBox() {
        #expect(parts.boundingBox == BoundingBox(minX: 0, minY: -5, maxX: 12, maxY: 2))
        #expect(MultiPolygon(polygons: []).boundingBox == nil)
        #expect(MultiPolygon(polygons: [Polygon(exterior: [])]).boundingBox == nil)
    }

    @Test("finite only when every coordinate is")
    func finiteness() {
        #expect(parts.isFinite)
        let holed = Polygon(
            exterior: CoverageTestSupport.rectangle(0, 0, 2, 2),
            holes: [CoverageTestSupport.ring([(1, 1), (1, .nan), (1.5, 1)])])
        #expect(!MultiPolygon(holed).isFinite)
    }
}
