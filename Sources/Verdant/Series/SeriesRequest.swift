/// What `verdant series` does: many dates of one place, the parcels, an optional biomass model, green cover, and
/// the disturbance monitor's settings.
public struct SeriesRequest: Hashable, Sendable {
    /// The dates and their inputs, with the masks they share.
    public var series: SeriesInputs
    /// The parcels.
    public var parcels: ParcelSource
    /// The biomass model; nil: no biomass columns (the index is `index`).
    public var model: BiomassModel?
    /// The index followed when there is no model (with a model, the model's index).
    public var index: SpectralIndex = .ndvi
    /// Carbon factors (as for `estimate`).
    public var factorChoice = FactorChoice(factors: .ipccDefault, factorSet: nil, factorClass: nil)
    /// The attribute naming each parcel's class in the factor set.
    public var classField: String?
    /// Dates observed under this fraction of a parcel are flagged `low_observed`; they count in no trend, first or
    /// last figure, and neither raise nor break an alert.
    public var minObserved: Double = 0.5
    /// A cell is green where its index ≥ this; nil: the index's default (`GreenCover`).
    public var greenThreshold: Double?
    /// The harmonic model's baseline period; nil: the first 12 months of the series.
    public var baseline: ClosedRange<AcquisitionDate>?
    /// Harmonics of the seasonal model (1: one annual cycle).
    public var harmonics = 1
    /// The smallest drop of the index under the model that is anomalous.
    public var drop = 0.2
    /// The smallest drop, in baseline RMSEs, that is anomalous.
    public var sigmas = 3.0
    /// Consecutive anomalous observed dates that raise an alert.
    public var confirm = 2
    /// Threads and tiles.
    public var execution = ExecutionOptions()

    /// A series request.
    public init(series: SeriesInputs, parcels: ParcelSource, model: BiomassModel? = nil) {
        self.series = series
        self.parcels = parcels
        self.model = model
    }

    /// The index the series follows.
    public var followedIndex: SpectralIndex { model?.index ?? index }
}

extension SeriesRequest {
    /// Parses a baseline period `FROM/TO` (ISO 8601 dates or date-times, FROM ≤ TO).
    public static func parseBaseline(_ text: String) throws -> ClosedRange<AcquisitionDate> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, let from = AcquisitionDate(parts[0]), let to = AcquisitionDate(parts[1]) else {
            throw VerdantError.invalidParameter(
                .seriesBaseline, problem: "'\(text)': expected FROM/TO as ISO dates, e.g. 2022-01-01/2022-12-31")
        }
        guard from <= to else {
            throw VerdantError.invalidParameter(.seriesBaseline, problem: "'\(text)': FROM is after TO")
        }
        return from...to
    }
}
