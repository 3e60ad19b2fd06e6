/// The chain from a project's change in stock to its net removals, the same for a parcel and for the total:
/// the uncertainty deduction, then the baseline, then leakage on what is left, then the buffer on what is left.
public struct CreditChain: Hashable, Sendable {
    /// The uncertainty deduction, tCO2e.
    public var deduction: Double
    /// Leakage, tCO2e.
    public var leakage: Double
    /// The buffer withheld, tCO2e.
    public var buffer: Double
    /// Net removals before any exclusion, tCO2e.
    public var netRemovals: Double

    /// The chain for `change` (tCO2e) with its 90 % half-width (nil: no deduction), a `baseline` change and the
    /// leakage and buffer percentages.
    public init(change: Double, halfWidth: Double?, baseline: Double, leakagePct: Double, bufferPct: Double) {
        deduction = halfWidth.map { UncertaintyDeduction.deduction(estimate: change, halfWidth: $0) } ?? 0
        leakage = leakagePct / 100 * max(0, change - deduction - baseline)
        let afterLeakage = change - deduction - baseline - leakage
        buffer = bufferPct / 100 * max(0, afterLeakage)
        netRemovals = afterLeakage - buffer
    }
}
