import Testing
@testable import VerdantCore

/// The internal Gauss–Legendre rule used by `Ellipsoid`.
@Suite("GaussLegendre")
struct GaussLegendreTests {
    @Test("the 16-point rule on [0, 1] integrates monomials up to degree 31 exactly")
    func monomials() {
        let (nodes, weights) = GaussLegendre.rule
        #expect(nodes.count == 16 && weights.count == 16)
        for degree in 0...31 {
            var sum = 0.0
            for (node, weight) in zip(nodes, weights) {
                var power = 1.0
                for _ in 0..<degree { power *= node }
                sum += weight * power
            }
            #expect(abs(sum - 1 / Double(degree + 1)) <= 1e-15, "degree \(degree)")
        }
    }

    @Test("nodes are increasing, inside (0, 1) and symmetric")
    func nodes() {
        let (nodes, weights) = GaussLegendre.rule
        #expect(zip(nodes, nodes.dropFirst()).allSatisfy { $0 < $1 })
        #expect(nodes.allSatisfy { $0 > 0 && $0 < 1 })
        for i in nodes.indices {
            #expect(abs(nodes[i] + nodes[nodes.count - 1 - i] - 1) <= 1e-15)
            #expect(weights[i] == weights[nodes.count - 1 - i])
        }
    }
}
