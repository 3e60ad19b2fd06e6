/// What `verdant credits` does: the same parcels at a baseline date (t0) and a monitoring date (t1), the change
/// in carbon stock, a baseline, leakage, the uncertainty deduction and a non-permanence buffer.
public struct CreditsRequest: Hashable, Sendable {
    /// How the baseline scenario's change is known.
    public enum Baseline: Hashable, Sendable {
        /// A given change, tCO2e per hectare over the period (0: no change without the project).
        case perHectare(Double)
        /// The area-weighted change per hectare of control parcels: those whose `field` equals `value`.
        case controlParcels(field: String, value: String)
    }

    /// The estimate at the baseline date (its inputs, parcels, model, factors, masks).
    public var t0: EstimateRequest
    /// The estimate at the monitoring date (same parcels, model and factors; its own rasters and grid).
    public var t1: EstimateRequest
    /// The baseline.
    public var baseline: Baseline
    /// Leakage, % of the net change.
    public var leakagePct: Double
    /// Non-permanence buffer, % of what remains after leakage and the deduction.
    public var bufferPct: Double

    /// A credits request.
    public init(
        t0: EstimateRequest, t1: EstimateRequest, baseline: Baseline = .perHectare(0), leakagePct: Double = 0,
        bufferPct: Double = 0
    ) {
        self.t0 = t0
        self.t1 = t1
        self.baseline = baseline
        self.leakagePct = leakagePct
        self.bufferPct = bufferPct
    }

    /// Throws for parameters that cannot be right.
    public func validate() throws {
        guard leakagePct.isFinite, (0...100).contains(leakagePct) else {
            throw VerdantError.invalidParameter(.leakage, problem: "must be a percentage 0-100")
        }
        guard bufferPct.isFinite, (0...100).contains(bufferPct) else {
            throw VerdantError.invalidParameter(.buffer, problem: "must be a percentage 0-100")
        }
        if case .perHectare(let v) = baseline, !v.isFinite {
            throw VerdantError.invalidParameter(.baselineRemovals, problem: "must be a number")
        }
        guard t0.parcels == t1.parcels else { throw VerdantError.usage("both dates must use the same parcels") }
    }
}
