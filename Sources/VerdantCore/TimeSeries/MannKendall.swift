import Foundation

/// The Mann–Kendall test for a monotonic trend in a series (Mann 1945, Kendall 1975), with the variance corrected
/// for ties. It agrees with `pymannkendall.original_test`: its `s`, `var_s`, `z` and `p`.
public struct MannKendall: Hashable, Sendable {
    /// The number of values.
    public let n: Int
    /// The statistic S = Σ_{i<j} sign(xⱼ − xᵢ): positive for a rising series.
    public let s: Int
    /// The variance of S with no trend, corrected for ties:
    /// [n(n−1)(2n+5) − Σ over groups of t equal values of t(t−1)(2t+5)] / 18.
    public let variance: Double
    /// The normal score with continuity correction: (S − 1)/√variance when S > 0, (S + 1)/√variance when S < 0,
    /// 0 when S = 0.
    public let z: Double
    /// The two-sided p-value, erfc(|z|/√2).
    public let p: Double

    /// The test of `values`, in time order; NaN values (unobserved dates) are left out, as pymannkendall does. Nil
    /// when fewer than 3 values remain or the variance is 0 (all values equal).
    public init?(_ values: [Double]) {
        let values = values.filter { !$0.isNaN }
        let n = values.count
        guard n >= 3 else { return nil }
        var s = 0
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                if values[j] > values[i] {
                    s += 1
                } else if values[j] < values[i] {
                    s -= 1
                }
            }
        }
        var ties = 0.0
        let sorted = values.sorted()
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && sorted[end] == sorted[start] { end += 1 }
            let t = Double(end - start)
            ties += t * (t - 1) * (2 * t + 5)
            start = end
        }
        let count = Double(n)
        let variance = (count * (count - 1) * (2 * count + 5) - ties) / 18
        guard variance > 0 else { return nil }
        let z: Double
        if s > 0 {
            z = Double(s - 1) / variance.squareRoot()
        } else if s < 0 {
            z = Double(s + 1) / variance.squareRoot()
        } else {
            z = 0
        }
        self.n = n
        self.s = s
        self.variance = variance
        self.z = z
        self.p = erfc(abs(z) / 2.0.squareRoot())
    }
}
