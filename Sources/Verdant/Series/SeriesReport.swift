/// The result of `verdant series`: every parcel's figures on every date (as `estimate` computes them), and one
/// trend per parcel.
public struct SeriesReport: Sendable {
    /// The acquisitions, in date order.
    public var acquisitions: [Acquisition]
    /// The estimate of each date (same order): rows in parcel order, totals, metadata.
    public var estimates: [EstimateReport]
    /// One trend per parcel, in parcel order.
    public var trends: [ParcelTrend]
    /// The index followed (`mean_<index>`).
    public var index: SpectralIndex
    /// True when a biomass model was given (the biomass columns are written).
    public var hasModel: Bool
    /// The green-cover threshold applied, if any.
    public var greenThreshold: Double?
    /// The baseline period of the seasonal model.
    public var baseline: ClosedRange<AcquisitionDate>?
    /// Warnings of the run (each once).
    public var warnings: [String]
    /// The parcels.
    public var parcels: ParcelLayer

    /// The dates, in order.
    public var dates: [AcquisitionDate] { acquisitions.map(\.date) }

    /// Parcels whose rows are flagged (failed or wholly outside the rasters), as problems that make the run partial.
    public var problems: [String] { estimates.first?.problems ?? [] }
}
