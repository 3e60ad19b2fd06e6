import Testing
@testable import VerdantCore

@Suite("BoundingBox")
struct BoundingBoxTests {
    @Test("encloses coordinates; nil for none")
    func enclosing() {
        let box = BoundingBox(enclosing: [Coordinate(x: 3, y: -1), Coordinate(x: -2, y: 4), Coordinate(x: 1, y: 0)])
        #expect(box == BoundingBox(minX: -2, minY: -1, maxX: 3, maxY: 4))
        #expect(box?.width == 5 && box?.height == 5)
        #expect(BoundingBox(enclosing: [Coordinate]()) == nil)
    }

    @Test("intersection test is closed; union encloses both")
    func intersectsAndUnion() {
        let a = BoundingBox(minX: 0, minY: 0, maxX: 1, maxY: 1)
        #expect(a.intersects(BoundingBox(minX: 1, minY: 1, maxX: 2, maxY: 2)))
        #expect(!a.intersects(BoundingBox(minX: 1.5, minY: 0, maxX: 2, maxY: 1)))
        #expect(
            a.union(BoundingBox(minX: 2, minY: -3, maxX: 4, maxY: 0))
                == BoundingBox(minX: 0, minY: -3, maxX: 4, maxY: 1))
    }
}
