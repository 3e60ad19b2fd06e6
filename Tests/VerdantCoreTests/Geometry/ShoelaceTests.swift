import Testing
@testable import VerdantCore

@Suite("Shoelace")
struct ShoelaceTests {
    @Test("signed area: positive counter-clockwise, negative clockwise, same for closed rings")
    func signedArea() {
        let ring = CoverageTestSupport.ring([(0, 0), (4, 0), (4, 3)])
        #expect(Shoelace.signedArea(of: ring) == 6)
        #expect(Shoelace.signedArea(of: ring.reversed()) == -6)
        #expect(Shoelace.signedArea(of: ring + [ring[0]]) == 6)
        #expect(Shoelace.signedArea(of: Array(ring.prefix(2))) == 0)
    }

    @Test("keeps precision at UTM coordinates")
    func precisionAtLargeCoordinates() {
        let ring = CoverageTestSupport.ring([
            (500_000.1, 9_000_000.2), (500_000.6, 9_000_000.2), (500_000.6, 9_000_000.5)
        ])
        let expected = 0.5 * (500_000.6 - 500_000.1) * (9_000_000.5 - 9_000_000.2)
        #expect(abs(Shoelace.signedArea(of: ring) - expected) <= 1e-14)
    }
}
