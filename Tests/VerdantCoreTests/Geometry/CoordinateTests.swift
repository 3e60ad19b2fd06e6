import Testing
@testable import VerdantCore

@Suite("Coordinate")
struct CoordinateTests {
    @Test("finite only when both components are")
    func finiteness() {
        #expect(Coordinate(x: 500_000, y: -9_000_000).isFinite)
        #expect(!Coordinate(x: .nan, y: 0).isFinite)
        #expect(!Coordinate(x: 0, y: .infinity).isFinite)
    }
}
