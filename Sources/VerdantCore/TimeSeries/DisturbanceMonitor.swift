/// Near-real-time disturbance alerts on a time series, after BFAST Monitor: a seasonal model fitted on a stable
/// baseline period, and an alert where observations after it fall well below the model's prediction (Verbesselt,
/// J., Zeileis, A., Herold, M. 2012, "Near real-time disturbance detection using satellite image time series",
/// Remote Sensing of Environment 123, 98–108).
///
/// Unlike BFAST Monitor's MOSUM test, the rule here is per date: a usable date after the baseline is anomalous
/// when its value is at least `drop` below the model's prediction and at least `sigmas` baseline RMSEs below it,
/// and an alert needs `confirm` anomalous usable dates in a row (unusable dates in between are skipped: they
/// neither raise nor break a run).
public struct DisturbanceMonitor: Hashable, Sendable {
    /// The number of harmonics of the seasonal model (at least 1).
    public var harmonics: Int
    /// The stable period the model is fitted on, t in years (both ends included).
    public var baseline: ClosedRange<Double>
    /// The least drop below the prediction (in the series' units, e.g. NDVI) that is anomalous.
    public var drop: Double
    /// The least drop below the prediction, in baseline RMSEs, that is anomalous.
    public var sigmas: Double
    /// The number of consecutive anomalous usable dates that raise an alert (at least 1).
    public var confirm: Int

    /// A monitor fitting `harmonics` harmonics on `baseline` (t in years) and alerting after `confirm` usable
    /// dates in a row fall at least `drop` and at least `sigmas` baseline RMSEs below the model.
    public init(
        harmonics: Int = 1, baseline: ClosedRange<Double>, drop: Double = 0.2, sigmas: Double = 3,
        confirm: Int = 2
    ) {
        self.harmonics = harmonics
        self.baseline = baseline
        self.drop = drop
        self.sigmas = sigmas
        self.confirm = confirm
    }

    /// One date of a series.
    public struct Observation: Hashable, Sendable {
        /// The date, in years (days / 365.25 from any origin).
        public var t: Double
        /// The value (a parcel's mean index, say); nil when the date is unobserved.
        public var value: Double?
        /// False when too little of the date is observed (under the minimum observed fraction) to be used.
        public var usable: Bool

        /// The date `t` (years) with `value`, usable unless said otherwise.
        public init(t: Double, value: Double?, usable: Bool = true) {
            self.t = t
            self.value = value
            self.usable = usable
        }

        /// The value when the date can be used: usable, observed and finite, at a finite t.
        var usableValue: Double? {
            guard usable, t.isFinite, let value, value.isFinite else { return nil }
            return value
        }
    }

    /// What `evaluate` found.
    public struct Outcome: Hashable, Sendable {
        /// The seasonal model fitted on the baseline; nil when the baseline has too few usable dates or they do
        /// not determine the model.
        public var model: HarmonicModel?
        /// The model's RMSE over the baseline dates; nil without a model.
        public var baselineRMSE: Double?
        /// The number of usable dates inside the baseline window.
        public var baselineCount: Int
        /// The largest drop below the prediction (predicted − observed) over the usable dates after the
        /// baseline; nil without a model or without such dates.
        public var maxDrop: Double?
        /// The index, in the array given to `evaluate`, of the first date of the first run of `confirm`
        /// consecutive anomalous usable dates after the baseline; nil when there is no such run.
        public var alertIndex: Int?
        /// The indices of the anomalous dates, in time order.
        public var anomalies: [Int]
        /// Why there is no model (and so no alert), when there is none.
        public var note: String?

        /// An outcome with the given fields.
        public init(
            model: HarmonicModel?, baselineRMSE: Double?, baselineCount: Int, maxDrop: Double?,
            alertIndex: Int?, anomalies: [Int], note: String?
        ) {
            self.model = model
            self.baselineRMSE = baselineRMSE
            self.baselineCount = baselineCount
            self.maxDrop = maxDrop
            self.alertIndex = alertIndex
            self.anomalies = anomalies
            self.note = note
        }
    }

    /// The least number of usable baseline dates for a model: twice its 1 + 2K coefficients.
    public var minimumBaselineCount: Int { 2 * (1 + 2 * harmonics) }

    /// Checks the configuration: `harmonics` and `confirm` at least 1, `drop` and `sigmas` finite and ≥ 0, the
    /// baseline's ends finite. Throws `VerdantError.invalidParameter` naming the first wrong one.
    public func validate() throws {
        guard harmonics >= 1 else {
            throw VerdantError.invalidParameter(.harmonics, problem: "must be at least 1 (got \(harmonics))")
        }
        guard baseline.lowerBound.isFinite, baseline.upperBound.isFinite else {
            throw VerdantError.invalidParameter(
                .seriesBaseline, problem: "must have finite ends (got \(baseline.lowerBound)…\(baseline.upperBound))")
        }
        guard drop.isFinite, drop >= 0 else {
            throw VerdantError.invalidParameter(.drop, problem: "must be a finite number ≥ 0 (got \(drop))")
        }
        guard sigmas.isFinite, sigmas >= 0 else {
            throw VerdantError.invalidParameter(.sigmas, problem: "must be a finite number ≥ 0 (got \(sigmas))")
        }
        guard confirm >= 1 else {
            throw VerdantError.invalidParameter(.confirm, problem: "must be at least 1 (got \(confirm))")
        }
    }

    /// Fits the baseline and looks for a disturbance after it.
    ///
    /// The observations may come in any order: they are taken in ascending t (in their given order when t is
    /// equal), and every index in the outcome refers to `observations` as given. A date is used when it is
    /// usable, observed and finite; the others are skipped. With an invalid configuration (see `validate()`) the
    /// outcome has no model, no alert, and the error's text as its note.
    public func evaluate(_ observations: [Observation]) -> Outcome {
        do {
            try validate()
        } catch {
            return Outcome(
                model: nil, baselineRMSE: nil, baselineCount: 0, maxDrop: nil, alertIndex: nil, anomalies: [],
                note: "\(error)")
        }
        let order = observations.indices.filter { observations[$0].usableValue != nil }
            .sorted { (observations[$0].t, $0) < (observations[$1].t, $1) }
        let inBaseline = order.filter { baseline.contains(observations[$0].t) }
        let count = inBaseline.count
        let needed = minimumBaselineCount
        let plural = harmonics == 1 ? "harmonic" : "harmonics"
        guard count >= needed else {
            let dates = count == 1 ? "date" : "dates"
            return Outcome(
                model: nil, baselineRMSE: nil, baselineCount: count, maxDrop: nil, alertIndex: nil, anomalies: [],
                note: "only \(count) observed \(dates) in the baseline (at least \(needed) are needed for "
                    + "\(harmonics) \(plural)): no alerts")
        }
        guard
            let model = HarmonicModel.fit(
                t: inBaseline.map { observations[$0].t }, y: inBaseline.map { observations[$0].usableValue! },
                harmonics: harmonics)
        else {
            return Outcome(
                model: nil, baselineRMSE: nil, baselineCount: count, maxDrop: nil, alertIndex: nil, anomalies: [],
                note: "the \(count) observed dates in the baseline do not determine a model of \(harmonics) "
                    + "\(plural) (they fall on too few times of the year): no alerts")
        }
        let threshold = max(drop, sigmas * model.rmse)
        var maxDrop: Double?
        var anomalies: [Int] = []
        var alertIndex: Int?
        var runStart: Int?
        var runLength = 0
        for i in order where observations[i].t > baseline.upperBound {
            let observation = observations[i]
            let fall = model.predict(observation.t) - observation.usableValue!
            maxDrop = max(maxDrop ?? fall, fall)
            guard fall >= threshold else {
                runLength = 0
                runStart = nil
                continue
            }
            anomalies.append(i)
            if runStart == nil { runStart = i }
            runLength += 1
            if alertIndex == nil && runLength >= confirm { alertIndex = runStart }
        }
        return Outcome(
            model: model, baselineRMSE: model.rmse, baselineCount: count, maxDrop: maxDrop, alertIndex: alertIndex,
            anomalies: anomalies, note: nil)
    }
}
