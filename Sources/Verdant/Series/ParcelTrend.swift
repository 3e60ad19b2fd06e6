/// One parcel over a series: its first and last observed dates, the trend of its mean index, its green area's
/// change, and the disturbance monitor's verdict (a row of `--summary-out`).
public struct ParcelTrend: Hashable, Sendable {
    /// The parcel id.
    public var parcelID: String
    /// Dates in the series.
    public var dates: Int
    /// Dates on which the parcel's observed fraction is at least the minimum.
    public var observedDates: Int
    /// The first observed date.
    public var firstDate: AcquisitionDate?
    /// The last observed date.
    public var lastDate: AcquisitionDate?
    /// The mean index on the first observed date.
    public var meanIndexFirst: Double?
    /// The mean index on the last observed date.
    public var meanIndexLast: Double?
    /// Theil–Sen slope of the mean index over the observed dates, per year.
    public var trendPerYear: Double?
    /// Two-sided Mann–Kendall p-value of that trend (tie-corrected).
    public var trendP: Double?
    /// Green area on the first observed date, ha.
    public var greenHaFirst: Double?
    /// Green area on the last observed date, ha.
    public var greenHaLast: Double?
    /// Last − first green area, ha.
    public var greenHaChange: Double?
    /// RMSE of the seasonal model over its baseline.
    public var baselineRMSE: Double?
    /// The largest drop under the seasonal model after the baseline.
    public var maxDrop: Double?
    /// The date an alert was raised (the first of the confirming anomalous dates).
    public var alertDate: AcquisitionDate?
    /// CO2e on the first observed date, t (with a model).
    public var co2eFirst: Double?
    /// CO2e on the last observed date, t (with a model).
    public var co2eLast: Double?
    /// Notes (a baseline too short for the model, the parcel's own notes).
    public var notes: [String]

    /// The trend of one parcel from its figures on each date (in date order).
    public init(
        parcelID: String, dates: [AcquisitionDate], figures: [ParcelFigures], minObserved: Double,
        monitor: DisturbanceMonitor, hasModel: Bool
    ) {
        precondition(dates.count == figures.count, "one figure per date")
        self.parcelID = parcelID
        self.dates = dates.count
        let usable = figures.indices.filter { !figures[$0].lowObserved && figures[$0].meanIndex != nil }
        observedDates = usable.count
        let first = usable.first, last = usable.last
        firstDate = first.map { dates[$0] }
        lastDate = last.map { dates[$0] }
        meanIndexFirst = first.flatMap { figures[$0].meanIndex }
        meanIndexLast = last.flatMap { figures[$0].meanIndex }
        let t = usable.map { dates[$0].years }, y = usable.map { figures[$0].meanIndex! }
        trendPerYear = TheilSen.slope(x: t, y: y)
        trendP = MannKendall(y)?.p
        greenHaFirst = first.flatMap { figures[$0].greenHa }
        greenHaLast = last.flatMap { figures[$0].greenHa }
        if let a = greenHaFirst, let b = greenHaLast { greenHaChange = b - a }
        co2eFirst = hasModel ? first.map { figures[$0].co2eT } : nil
        co2eLast = hasModel ? last.map { figures[$0].co2eT } : nil
        let usableSet = Set(usable)
        let observations = figures.indices.map { i in
            DisturbanceMonitor.Observation(
                t: dates[i].years, value: figures[i].meanIndex, usable: usableSet.contains(i))
        }
        let outcome = monitor.evaluate(observations)
        baselineRMSE = outcome.baselineRMSE
        maxDrop = outcome.maxDrop
        alertDate = outcome.alertIndex.map { dates[$0] }
        var notes: [String] = []
        if let n = outcome.note { notes.append(n) }
        // The parcel's own notes (repairs, merges) are the same on every date.
        for n in figures.first?.notes ?? [] where !notes.contains(n) { notes.append(n) }
        self.notes = notes
    }
}
