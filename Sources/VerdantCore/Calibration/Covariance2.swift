/// The covariance matrix of two parameters (p, q), symmetric, stored as its three distinct entries.
struct Covariance2: Hashable, Sendable {
    /// var p
    var pp: Double
    /// cov(p, q)
    var pq: Double
    /// var q
    var qq: Double

    /// The covariance of (f, g) = (f(p, q), g(p, q)) by the delta method, from the Jacobian
    /// [[∂f/∂p, ∂f/∂q], [∂g/∂p, ∂g/∂q]] = [[j00, j01], [j10, j11]]: J·C·Jᵀ.
    func transformed(_ j00: Double, _ j01: Double, _ j10: Double, _ j11: Double) -> Covariance2 {
        // Rows of J·C.
        let r00 = j00 * pp + j01 * pq, r01 = j00 * pq + j01 * qq
        let r10 = j10 * pp + j11 * pq, r11 = j10 * pq + j11 * qq
        return Covariance2(
            pp: r00 * j00 + r01 * j01,
            pq: r00 * j10 + r01 * j11,
            qq: r10 * j10 + r11 * j11)
    }

    /// The covariance times `factor` (σ² times an unscaled inverse).
    func scaled(by factor: Double) -> Covariance2 {
        Covariance2(pp: pp * factor, pq: pq * factor, qq: qq * factor)
    }

    /// The full 2×2 matrix, row by row.
    var matrix: [[Double]] { [[pp, pq], [pq, qq]] }
}
