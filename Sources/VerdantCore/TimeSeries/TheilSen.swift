/// The Theil–Sen estimator of a trend: the median of the slopes between every two points (Theil 1950, Sen 1968),
/// robust to outliers up to about 29 % of the points. It agrees with `scipy.stats.theilslopes`.
public enum TheilSen {
    /// The median of the slopes (yⱼ − yᵢ)/(xⱼ − xᵢ) over the pairs i < j with xⱼ ≠ xᵢ (the mean of the two middle
    /// slopes when their count is even); nil when no two x differ. `x` and `y` have the same count (the extra
    /// elements of the longer are ignored); non-finite values are the caller's to leave out.
    public static func slope(x: [Double], y: [Double]) -> Double? {
        let n = min(x.count, y.count)
        guard n >= 2 else { return nil }
        var slopes: [Double] = []
        slopes.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                // The larger x first, as scipy divides only over positive x differences.
                if x[j] > x[i] {
                    slopes.append((y[j] - y[i]) / (x[j] - x[i]))
                } else if x[i] > x[j] {
                    slopes.append((y[i] - y[j]) / (x[i] - x[j]))
                }
            }
        }
        guard !slopes.isEmpty else { return nil }
        slopes.sort()
        let middle = slopes.count / 2
        if slopes.count % 2 == 1 { return slopes[middle] }
        return (slopes[middle - 1] + slopes[middle]) / 2
    }
}
