/// The uncertainty deduction of CDM AR-TOOL14 (and T-VER-P-TOOL-01-02): with U = half-width of the 90 %
/// confidence interval / estimate, the deduction is 0 %, 25 %, 50 %, 75 % or 100 % of the half-width for
/// U ≤ 10 %, ≤ 15 %, ≤ 20 %, ≤ 30 %, > 30 %.
public enum UncertaintyDeduction {
    /// The share of the half-width deducted for an uncertainty of `u` (a fraction: 0.15 for 15 %).
    public static func share(u: Double) -> Double {
        if u <= 0.10 { return 0 }
        if u <= 0.15 { return 0.25 }
        if u <= 0.20 { return 0.50 }
        if u <= 0.30 { return 0.75 }
        return 1
    }

    /// The deduction for an estimate and the half-width of its 90 % interval (same units); 0 when the
    /// estimate is not positive… then the whole half-width, conservatively.
    public static func deduction(estimate: Double, halfWidth: Double) -> Double {
        guard halfWidth > 0 else { return 0 }
        guard estimate > 0 else { return halfWidth }
        return share(u: halfWidth / estimate) * halfWidth
    }
}
