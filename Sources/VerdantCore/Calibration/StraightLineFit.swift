/// Ordinary least squares of a straight line v = intercept + slope·u, computed with u centred on its mean.
///
/// Centring makes the normal equations diagonal, so the fit stays accurate when u sits far from 0
/// compared with its spread (index values 0.80…0.85, say).
struct StraightLineFit: Sendable {
    /// The number of points fitted.
    var count: Int
    /// The mean of the fitted u.
    var meanU: Double
    /// The line's value at u = meanU (the mean of v).
    var centredIntercept: Double
    /// The slope.
    var slope: Double
    /// Σ (u − meanU)².
    var sxx: Double
    /// Σ (v − line(u))².
    var residualSumOfSquares: Double

    /// The line's value at u = 0.
    var intercept: Double { centredIntercept - slope * meanU }

    /// The residual variance s² = SS_res / (count − 2).
    var residualVariance: Double { residualSumOfSquares / Double(count - 2) }

    /// The covariance of (intercept, slope): s²·(XᵀX)⁻¹, from the centred fit, where the intercept at
    /// the mean and the slope are uncorrelated.
    var covariance: Covariance2 {
        let s2 = residualVariance
        return Covariance2(
            pp: s2 * (1 / Double(count) + meanU * meanU / sxx),
            pq: -s2 * meanU / sxx,
            qq: s2 / sxx)
    }

    /// True when the u of the points `include` selects are (almost) all the same, so no slope can be estimated.
    static func isDegenerate(_ u: [Double], where include: (Int) -> Bool) -> Bool {
        var low = Double.infinity, high = -Double.infinity
        for i in u.indices where include(i) {
            low = min(low, u[i])
            high = max(high, u[i])
        }
        return !(high - low > 1e-12 * max(abs(low), abs(high)))
    }

    /// Fits the points `include` selects; nil when fewer than 3 or when their u are (almost) all equal.
    static func fit(u: [Double], v: [Double], where include: (Int) -> Bool) -> StraightLineFit? {
        guard !isDegenerate(u, where: include) else { return nil }
        var count = 0
        var sumU = 0.0, sumV = 0.0
        for i in u.indices where include(i) {
            count += 1
            sumU += u[i]
            sumV += v[i]
        }
        guard count >= 3 else { return nil }
        let meanU = sumU / Double(count), meanV = sumV / Double(count)
        var sxx = 0.0, sxy = 0.0
        for i in u.indices where include(i) {
            let du = u[i] - meanU
            sxx += du * du
            sxy += du * (v[i] - meanV)
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        var ss = 0.0
        for i in u.indices where include(i) {
            let r = v[i] - (meanV + slope * (u[i] - meanU))
            ss += r * r
        }
        return StraightLineFit(
            count: count, meanU: meanU, centredIntercept: meanV, slope: slope, sxx: sxx, residualSumOfSquares: ss)
    }
}
