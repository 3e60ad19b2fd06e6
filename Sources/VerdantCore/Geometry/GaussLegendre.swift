#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Gauss–Legendre quadrature nodes and weights on [0, 1] (internal helper of `Ellipsoid`).
enum GaussLegendre {
    /// The number of nodes of `rule`; it integrates polynomials of degree up to 2 × 16 − 1 exactly.
    static let order = 16

    /// The nodes in (0, 1) and their weights (summing to 1), found by Newton's method on the Legendre polynomial.
    static let rule: (nodes: [Double], weights: [Double]) = makeRule(order: order)

    /// Computes the `order`-point rule on [0, 1].
    static func makeRule(order n: Int) -> (nodes: [Double], weights: [Double]) {
        var nodes = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 0, count: n)
        for i in 0..<(n + 1) / 2 {
            // Initial guess for the i-th root of P_n on [-1, 1] (largest first).
            var x = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            for _ in 0..<100 {
                let (p, derivative) = legendre(n, x)
                let step = p / derivative
                x -= step
                if abs(step) <= 1e-17 { break }
            }
            let derivative = legendre(n, x).derivative
            let weight = 2 / ((1 - x * x) * derivative * derivative)
            // Map from [-1, 1] to [0, 1]: node (1 ± x) / 2, weight / 2.
            nodes[i] = (1 - x) / 2
            nodes[n - 1 - i] = (1 + x) / 2
            weights[i] = weight / 2
            weights[n - 1 - i] = weight / 2
        }
        return (nodes, weights)
    }

    /// P_n(x) and P_n′(x), by the three-term recurrence.
    static func legendre(_ n: Int, _ x: Double) -> (value: Double, derivative: Double) {
        var p0 = 1.0, p1 = x
        for k in 2...n {
            let pk = ((2 * Double(k) - 1) * x * p1 - (Double(k) - 1) * p0) / Double(k)
            p0 = p1
            p1 = pk
        }
        // p1 = P_n(x), p0 = P_{n-1}(x)
        return (p1, Double(n) * (x * p1 - p0) / (x * x - 1))
    }
}
