import Foundation

/// A biomass model fitted to field plots: its coefficients, their uncertainty, and how well it predicts.
///
/// Every statistic is on the original AGB scale (t/ha), whatever scale the method fitted on, and uses the
/// fitted curve without the clamp at 0 that `BiomassModel.agb` applies (for a linear fit that is exactly the
/// least-squares line; exp and power curves with a > 0 are positive anyway):
/// - residual e = observed − predicted; SS_res = Σe², SS_tot = Σ(y − ȳ)²;
/// - `residualSD` σ = √(SS_res / (n − 2)), `rmse` = √(SS_res / n), `rSquared` = 1 − SS_res / SS_tot;
/// - `bias` = mean(predicted − observed): positive when the model over-predicts;
/// - `looRMSE`: each plot left out in turn, the same form and method refitted on the other n − 1 (a
///   non-linear fit again started from the log fit of those n − 1), the plot predicted, and the root mean
///   square of (prediction − observed) taken over the n plots.
///
/// JSON keys are snake_case: `form`, `method`, `a`, `b`, `se_a`, `se_b`, `covariance`, `residual_sd`, `n`,
/// `r2`, `rmse`, `bias`, `loo_rmse`.
public struct ModelFit: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The model's form.
    public var form: BiomassModel.Form
    /// How the coefficients were estimated.
    public var method: FitMethod
    /// Coefficient a.
    public var a: Double
    /// Coefficient b.
    public var b: Double
    /// The standard error of a: √covariance[0][0].
    public var seA: Double
    /// The standard error of b: √covariance[1][1].
    public var seB: Double
    /// The 2×2 covariance matrix of (a, b), row by row: σ²(XᵀX)⁻¹ for ordinary least squares, the delta
    /// method applied to the log-scale σ²(XᵀX)⁻¹ for log fits, σ²(JᵀJ)⁻¹ at the optimum for non-linear fits.
    public var covariance: [[Double]]
    /// The residual standard deviation σ on the AGB scale (t/ha), with n − 2 degrees of freedom.
    public var residualSD: Double
    /// The number of plots fitted.
    public var n: Int
    /// The coefficient of determination on the AGB scale, 1 − SS_res / SS_tot.
    public var rSquared: Double
    /// The root mean square error on the fitted plots (t/ha), √(SS_res / n).
    public var rmse: Double
    /// The mean of (predicted − observed) on the fitted plots (t/ha).
    public var bias: Double
    /// The leave-one-out cross-validated root mean square error (t/ha).
    public var looRMSE: Double

    enum CodingKeys: String, CodingKey {
        case form, method, a, b
        case seA = "se_a"
        case seB = "se_b"
        case covariance
        case residualSD = "residual_sd"
        case n
        case rSquared = "r2"
        case rmse, bias
        case looRMSE = "loo_rmse"
    }

    /// The fitted curve at index value `x`, not clamped at 0 (what the statistics use): NaN for NaN, and for
    /// the power form 0 when x ≤ 0, as `BiomassModel.agb`.
    public func predict(_ x: Double) -> Double {
        ModelFit.curve(form, a, b, x)
    }

    /// The fitted model, ready for estimation, taking `index` and citing `source`.
    public func model(index: SpectralIndex = .ndvi, source: String) -> BiomassModel {
        BiomassModel(form: form, a: a, b: b, index: index, source: source)
    }

    /// One line: the model, its coefficients ± standard errors, and its statistics.
    public var description: String {
        func g(_ v: Double) -> String { String(format: "%.6g", v) }
        return "\(form.rawValue) by \(method.rawValue): a = \(g(a)) ± \(g(seA)), b = \(g(b)) ± \(g(seB)); "
            + "n = \(n), R² = \(g(rSquared)), RMSE = \(g(rmse)) t/ha, bias = \(g(bias)) t/ha, "
            + "LOO RMSE = \(g(looRMSE)) t/ha, residual SD = \(g(residualSD)) t/ha"
    }

    /// a + b·x, a·e^(b·x) or a·x^b (0 for x ≤ 0), unclamped.
    static func curve(_ form: BiomassModel.Form, _ a: Double, _ b: Double, _ x: Double) -> Double {
        if x.isNaN { return .nan }
        switch form {
        case .linear: return a + b * x
        case .exp: return a * Foundation.exp(b * x)
        case .power: return x <= 0 ? 0 : a * Foundation.pow(x, b)
        }
    }
}
