import Foundation

/// Non-linear least squares of y = a·e^(b·u) by Gauss–Newton with Levenberg–Marquardt damping.
///
/// The exp model is this curve with u = x; the power model a·x^b is it with u = ln x. Internally the curve
/// is written c·e^(b·(u − m)) with m the mean of u, which keeps the two columns of the Jacobian far from
/// collinear; a = c·e^(−b·m) and its covariance follow exactly by the delta method (the Gauss–Newton
/// covariance is invariant under such a reparametrisation).
///
/// Stopping rule, checked before each iteration and after each accepted step: converged when the residuals
/// are 0 (an exact fit), when every Jacobian column is orthogonal to the residuals to 1e-12 (cosine), or
/// when the step is below 1e-12 relative (b measured against 1/spread of u). A step that does not lower
/// the sum of squares raises the damping tenfold and is retried; a negligible step that cannot lower it
/// means the minimum is reached to rounding, provided the gradient cosine is below 1e-6.
/// More than `maxIterations` accepted steps, or damping beyond 1e16, is a failure.
struct ExponentialCurveFit: Sendable {
    /// Why a fit failed.
    enum Failure: Error, Hashable {
        /// The iteration did not settle.
        case notConverged(iterations: Int)
        /// JᵀJ is singular at the solution (no spread in u, or c = 0), so no covariance exists.
        case singular
    }

    /// Coefficient a of a·e^(b·u).
    var a: Double
    /// Coefficient b.
    var b: Double
    /// The covariance of (a, b): σ²·(JᵀJ)⁻¹ at the optimum, σ² = SS_res / (count − 2).
    var covariance: Covariance2
    /// Σ (y − a·e^(b·u))² at the optimum.
    var residualSumOfSquares: Double
    /// Accepted Gauss–Newton / Levenberg–Marquardt steps taken.
    var iterations: Int

    /// The default cap on accepted steps.
    static let defaultMaxIterations = 200

    /// The normal equations at one point: JᵀJ = [[a11, a12], [a12, a22]], Jᵀr = (g1, g2), and Σ r².
    private struct Normal {
        var a11 = 0.0, a12 = 0.0, a22 = 0.0
        var g1 = 0.0, g2 = 0.0
        var ss = 0.0

        /// The largest cosine between a Jacobian column and the residual vector (0 at a stationary point).
        var gradientCosine: Double {
            guard ss > 0 else { return 0 }
            let c1 = a11 > 0 ? abs(g1) / (a11 * ss).squareRoot() : 0
            let c2 = a22 > 0 ? abs(g2) / (a22 * ss).squareRoot() : 0
            return max(c1, c2)
        }
    }

    /// Fits the points `include` selects (at least 3), starting from (startA, startB).
    static func fit(
        u: [Double], y: [Double], where include: (Int) -> Bool,
        startA: Double, startB: Double, maxIterations: Int = defaultMaxIterations
    ) throws(Failure) -> ExponentialCurveFit {
        var count = 0
        var sumU = 0.0, sumY2 = 0.0
        for i in u.indices where include(i) {
            count += 1
            sumU += u[i]
            sumY2 += y[i] * y[i]
        }
        guard count >= 3 else { throw .singular }
        let m = sumU / Double(count)
        var sumD2 = 0.0
        for i in u.indices where include(i) {
            let d = u[i] - m
            sumD2 += d * d
        }
        let spread = (sumD2 / Double(count)).squareRoot()
        guard spread > 0 else { throw .singular }

        func normal(_ c: Double, _ b: Double) -> Normal {
            var n = Normal()
            for i in u.indices where include(i) {
                let d = u[i] - m
                let e = Foundation.exp(b * d)
                let j2 = c * d * e
                let r = y[i] - c * e
                n.a11 += e * e
                n.a12 += e * j2
                n.a22 += j2 * j2
                n.g1 += e * r
                n.g2 += j2 * r
                n.ss += r * r
            }
            return n
        }

        var b = startB
        var c = startA * Foundation.exp(startB * m)
        guard c.isFinite, b.isFinite else { throw .notConverged(iterations: 0) }
        var state = normal(c, b)
        guard state.ss.isFinite else { throw .notConverged(iterations: 0) }
        var lambda = 1e-3
        var iterations = 0

        func isNegligible(_ dc: Double, _ db: Double) -> Bool {
            abs(dc) <= 1e-12 * abs(c) && abs(db) * spread <= 1e-12 * (abs(b) * spread + 1)
        }

        iterating: while true {
            if state.ss <= 1e-30 * sumY2 || state.gradientCosine <= 1e-12 { break }
            if iterations >= maxIterations { throw .notConverged(iterations: iterations) }
            iterations += 1
            while true {
                // Marquardt's damping: scale the diagonal of JᵀJ by (1 + λ).
                let p = state.a11 * (1 + lambda), s = state.a22 * (1 + lambda), q = state.a12
                let det = p * s - q * q
                let dc = (s * state.g1 - q * state.g2) / det
                let db = (p * state.g2 - q * state.g1) / det
                let negligible = isNegligible(dc, db)
                if det > 0, dc.isFinite, db.isFinite {
                    let trial = normal(c + dc, b + db)
                    if trial.ss.isFinite, trial.ss < state.ss {
                        c += dc
                        b += db
                        state = trial
                        lambda = max(lambda * 0.1, 1e-15)
                        if negligible { break iterating }
                        continue iterating
                    }
                    if negligible {
                        // No step, however small, lowers the sum of squares: the minimum, to rounding.
                        if state.gradientCosine <= 1e-6 { break iterating }
                        throw .notConverged(iterations: iterations)
                    }
                }
                lambda *= 10
                if lambda > 1e16 { throw .notConverged(iterations: iterations) }
            }
        }

        let det = state.a11 * state.a22 - state.a12 * state.a12
        guard det > 0, det.isFinite else { throw .singular }
        let sigma2 = state.ss / Double(count - 2)
        let centred = Covariance2(pp: state.a22 / det, pq: -state.a12 / det, qq: state.a11 / det).scaled(by: sigma2)
        let shift = Foundation.exp(-b * m)
        let a = c * shift
        // a = c·e^(−b·m): ∂a/∂c = e^(−b·m), ∂a/∂b = −m·a; b is unchanged.
        let covariance = centred.transformed(shift, -m * a, 0, 1)
        return ExponentialCurveFit(
            a: a, b: b, covariance: covariance, residualSumOfSquares: state.ss, iterations: iterations)
    }
}
