/// The result of `verdant credits`: per-parcel and total credit figures, the two estimates they come from, and
/// the checksums of every input file.
public struct CreditsReport: Hashable, Sendable {
    /// The words every output carries.
    public static let label = "estimated net removals, tCO2e, before verification"

    /// One row per parcel.
    public var rows: [CreditFigures]
    /// The sum over parcels.
    public var total: CreditFigures
    /// The estimate at t0.
    public var t0: EstimateReport
    /// The estimate at t1.
    public var t1: EstimateReport
    /// The request.
    public var request: CreditsRequest
    /// File → SHA-256 of every input (rasters, parcels, model and factor files).
    public var checksums: [String: String]
    /// True when both dates shared one grid, so that coverage was computed once.
    public var coverageReused: Bool
}
