/// The credit estimate of one parcel (or of all): stock change, baseline, deductions and net removals, tCO2e.
public struct CreditFigures: Hashable, Sendable {
    /// The parcel id ("total" for the sum).
    public var parcelID: String
    /// Parcel area, ha.
    public var parcelHa: Double
    /// CO2e stock at t0 (gap-filled: observed density × parcel area), t.
    public var co2eT0: Double
    /// CO2e stock at t1, t.
    public var co2eT1: Double
    /// Project stock change t1 − t0, t.
    public var projectChange: Double
    /// Half-width of the 90 % interval of the change (nil without a model uncertainty).
    public var changeHalfWidth90: Double?
    /// Half-width / change × 100.
    public var uncertaintyPct: Double?
    /// AR-TOOL14 uncertainty deduction from the project change, t.
    public var projectDeduction: Double
    /// Baseline change, t (plus its own deduction for a control-parcel baseline).
    public var baselineChange: Double
    /// Leakage, t.
    public var leakage: Double
    /// Non-permanence buffer, t.
    public var buffer: Double
    /// Estimated net removals, tCO2e, before verification.
    public var netRemovals: Double
    /// True when the parcel was observed under the threshold at either date (it earns nothing then).
    public var excluded: Bool
    /// Notes.
    public var notes: [String]

    /// The figures of a parcel (or the total) whose project change went through `chain`: `change` and its 90 %
    /// half-width `halfWidth` (nil without a model uncertainty), the `baseline` change, and whether it is
    /// `excluded` (it then earns no net removals).
    public init(
        parcelID: String, parcelHa: Double, co2eT0: Double, co2eT1: Double, change: Double, halfWidth: Double?,
        baseline: Double, chain: CreditChain, excluded: Bool, notes: [String]
    ) {
        self.parcelID = parcelID
        self.parcelHa = parcelHa
        self.co2eT0 = co2eT0
        self.co2eT1 = co2eT1
        projectChange = change
        changeHalfWidth90 = halfWidth
        uncertaintyPct = halfWidth.flatMap { change != 0 ? $0 / abs(change) * 100 : nil }
        projectDeduction = chain.deduction
        baselineChange = baseline
        leakage = chain.leakage
        buffer = chain.buffer
        netRemovals = excluded ? 0 : chain.netRemovals
        self.excluded = excluded
        self.notes = notes
    }
}
