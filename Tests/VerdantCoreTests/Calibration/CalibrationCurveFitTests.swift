import Foundation
import Testing
@testable import VerdantCore

/// The Levenberg–Marquardt solver behind the non-linear fits.
@Suite struct CalibrationCurveFitTests {
    static let u: [Double] = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    static let y: [Double] = [9.1, 14.2, 15.8, 25.0, 31.9, 44.1, 59.0, 80.3]

    @Test func convergesFromAFarStart() throws {
        let near = try ExponentialCurveFit.fit(u: Self.u, y: Self.y, where: { _ in true }, startA: 4, startB: 3)
        let far = try ExponentialCurveFit.fit(u: Self.u, y: Self.y, where: { _ in true }, startA: 100, startB: -2)
        #expect(abs(far.a / near.a - 1) < 1e-9 && abs(far.b / near.b - 1) < 1e-9, "\(far) vs \(near)")
        #expect(far.iterations > near.iterations)
        // At the optimum the gradient Jᵀr vanishes.
        var g1 = 0.0, g2 = 0.0
        for i in Self.u.indices {
            let e = exp(near.b * Self.u[i])
            let r = Self.y[i] - near.a * e
            g1 += e * r
            g2 += near.a * Self.u[i] * e * r
        }
        #expect(abs(g1) < 1e-8 && abs(g2) < 1e-8, "gradient \(g1), \(g2)")
    }

    @Test func reportsNonConvergence() {
        #expect(throws: ExponentialCurveFit.Failure.notConverged(iterations: 1)) {
            try ExponentialCurveFit.fit(
                u: Self.u, y: Self.y, where: { _ in true }, startA: 100, startB: -2, maxIterations: 1)
        }
    }

    @Test func skipsThePointsLeftOut() throws {
        let all = try ExponentialCurveFit.fit(u: Self.u, y: Self.y, where: { _ in true }, startA: 4, startB: 3)
        var y = Self.y
        y[3] = 1e6  // ignored
        let without = try ExponentialCurveFit.fit(u: Self.u, y: y, where: { $0 != 3 }, startA: 4, startB: 3)
        #expect(without.a != all.a && without.a.isFinite && abs(without.b - all.b) < 0.5)
    }
}
