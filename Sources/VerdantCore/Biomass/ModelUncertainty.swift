/// What is known of a calibrated model's error: the covariance of its coefficients (a, b) and the residual
/// standard deviation of AGB around it (t/ha), with the plot size the residuals were measured on.
public struct ModelUncertainty: Hashable, Sendable, Codable {
    /// Covariance of (a, b): [[var a, cov ab], [cov ab, var b]].
    public var covariance: [[Double]]
    /// Residual standard deviation of plot AGB around the model, t/ha.
    public var residualSD: Double
    /// Mean area of the calibration plots, ha: residual errors are taken as independent between plot-sized
    /// pieces of a parcel. Nil: the residual term is left out (and said so).
    public var plotAreaHa: Double?

    /// An uncertainty description.
    public init(covariance: [[Double]], residualSD: Double, plotAreaHa: Double?) {
        self.covariance = covariance
        self.residualSD = residualSD
        self.plotAreaHa = plotAreaHa
    }

    /// Throws unless the covariance is a symmetric positive semi-definite 2 × 2 matrix and σ ≥ 0.
    public func validate() throws {
        guard covariance.count == 2, covariance.allSatisfy({ $0.count == 2 }),
            covariance.joined().allSatisfy(\.isFinite),
            covariance[0][0] >= 0, covariance[1][1] >= 0,
            abs(covariance[0][1] - covariance[1][0]) <= 1e-9 * max(1, abs(covariance[0][1])),
            covariance[0][0] * covariance[1][1] - covariance[0][1] * covariance[1][0] >= -1e-12
                * max(1, covariance[0][0] * covariance[1][1]),
            residualSD.isFinite, residualSD >= 0
        else {
            throw VerdantError.usage(
                "model uncertainty: the covariance must be a symmetric positive semi-definite 2 × 2 matrix and the residual SD ≥ 0"
            )
        }
        if let p = plotAreaHa, !(p.isFinite && p > 0) {
            throw VerdantError.usage("model uncertainty: plot area must be > 0 ha")
        }
    }
}

extension BiomassModel {
    /// ∂AGB/∂a and ∂AGB/∂b at index value `x` (0 where the model is clamped at 0 or x is undefined).
    @inlinable
    public func gradient(_ x: Double) -> (a: Double, b: Double) {
        if x.isNaN { return (0, 0) }
        switch form {
        case .linear:
            return a + b * x > 0 ? (1, x) : (0, 0)
        case .exp:
            let e = exp(b * x)
            return a * e > 0 ? (e, a * x * e) : (0, 0)
        case .power:
            guard x > 0 else { return (0, 0) }
            let p = pow(x, b)
            return a * p > 0 ? (p, a * p * log(x)) : (0, 0)
        }
    }

    /// AGB at `x` with other coefficients (for Monte Carlo draws), clamped at 0.
    @inlinable
    public func agb(_ x: Double, a: Double, b: Double) -> Double {
        var m = self
        m.a = a
        m.b = b
        return m.agb(x)
    }
}

import Foundation
