import Foundation

/// A seasonal model of a time series: y = a + Σ_{k=1…K} (bₖ cos 2πkt + cₖ sin 2πkt), with t in years, fitted by
/// least squares.
///
/// The fit solves the design matrix by Householder QR rather than the normal equations, so it keeps the accuracy
/// of the data when the columns are nearly dependent (few dates, or dates bunched in one season).
public struct HarmonicModel: Hashable, Sendable {
    /// K, the number of harmonics (1 for one cycle a year; 2 adds a half-year cycle).
    public let harmonics: Int
    /// The coefficients [a, b₁, c₁, b₂, c₂, …]: 1 + 2K of them.
    public let coefficients: [Double]
    /// The root mean square of the residuals over the fitted points, √(RSS / count).
    public let rmse: Double
    /// The number of points fitted.
    public let count: Int

    /// A model with the given coefficients ([a, b₁, c₁, …], 1 + 2·`harmonics` of them), RMSE and point count.
    public init(harmonics: Int, coefficients: [Double], rmse: Double, count: Int) {
        precondition(harmonics >= 0 && coefficients.count == 1 + 2 * harmonics, "1 + 2K coefficients are needed")
        self.harmonics = harmonics
        self.coefficients = coefficients
        self.rmse = rmse
        self.count = count
    }

    /// The model's value at `t` (years).
    public func predict(_ t: Double) -> Double {
        var y = coefficients[0]
        for k in stride(from: 1, through: harmonics, by: 1) {
            let angle = 2 * Double.pi * Double(k) * t
            y += coefficients[2 * k - 1] * cos(angle) + coefficients[2 * k] * sin(angle)
        }
        return y
    }

    /// The least-squares fit of `harmonics` harmonics to the points (`t`ᵢ, `y`ᵢ), t in years; nil when there are
    /// fewer points than the 1 + 2K coefficients, when `harmonics` is negative, when a value is not finite, or
    /// when the design is rank-deficient (all t equal, or t only whole years apart, where the sines vanish).
    public static func fit(t: [Double], y: [Double], harmonics: Int) -> HarmonicModel? {
        let m = min(t.count, y.count), p = 1 + 2 * harmonics
        guard harmonics >= 0, m >= p else { return nil }
        guard t.prefix(m).allSatisfy(\.isFinite), y.prefix(m).allSatisfy(\.isFinite) else { return nil }
        // The design matrix, column by column: 1, cos 2πt, sin 2πt, cos 4πt, …
        var a = [[Double]](repeating: [Double](repeating: 1, count: m), count: p)
        for k in stride(from: 1, through: harmonics, by: 1) {
            for i in 0..<m {
                let angle = 2 * Double.pi * Double(k) * t[i]
                a[2 * k - 1][i] = cos(angle)
                a[2 * k][i] = sin(angle)
            }
        }
        let norms = a.map { column in column.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let scale = norms.max() ?? 0
        var b = Array(y.prefix(m))
        var diagonal = [Double](repeating: 0, count: p)
        for j in 0..<p {
            // The Householder reflection that zeroes column j below row j.
            var norm = 0.0
            for i in j..<m { norm += a[j][i] * a[j][i] }
            norm = norm.squareRoot()
            // Rank-deficient: what is left of the column is rounding next to the largest column.
            guard norm > 1e-10 * scale else { return nil }
            let alpha = a[j][j] > 0 ? -norm : norm
            a[j][j] -= alpha
            var vv = 0.0
            for i in j..<m { vv += a[j][i] * a[j][i] }
            for c in (j + 1)..<p {
                var dot = 0.0
                for i in j..<m { dot += a[j][i] * a[c][i] }
                let f = 2 * dot / vv
                for i in j..<m { a[c][i] -= f * a[j][i] }
            }
            var dot = 0.0
            for i in j..<m { dot += a[j][i] * b[i] }
            let f = 2 * dot / vv
            for i in j..<m { b[i] -= f * a[j][i] }
            diagonal[j] = alpha
        }
        // Back substitution in R x = Qᵀ y (R's diagonal in `diagonal`, above it in the columns' first rows).
        var x = [Double](repeating: 0, count: p)
        for j in stride(from: p - 1, through: 0, by: -1) {
            var sum = b[j]
            for c in (j + 1)..<p { sum -= a[c][j] * x[c] }
            x[j] = sum / diagonal[j]
        }
        let model = HarmonicModel(harmonics: harmonics, coefficients: x, rmse: 0, count: m)
        var rss = 0.0
        for i in 0..<m {
            let r = y[i] - model.predict(t[i])
            rss += r * r
        }
        return HarmonicModel(harmonics: harmonics, coefficients: x, rmse: (rss / Double(m)).squareRoot(), count: m)
    }
}
