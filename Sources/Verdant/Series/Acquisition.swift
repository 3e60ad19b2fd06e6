/// One acquisition of a time series: its date, the inputs that show it, and where it was given.
public struct Acquisition: Hashable, Sendable {
    /// When it was acquired (rows of a dates table with the same value are one acquisition, mosaicked).
    public var date: AcquisitionDate
    /// Its bands, scaling and grid choice (every date shares the run's other input options).
    public var inputs: RasterInputs
    /// The file it was given in (the dates table, the STAC file).
    public var file: String
    /// Where in `file`, for errors: `row 3 (date 2024-01-05)`, `item 'S2A_…'`.
    public var origin: String

    /// An acquisition.
    public init(date: AcquisitionDate, inputs: RasterInputs, file: String, origin: String) {
        self.date = date
        self.inputs = inputs
        self.file = file
        self.origin = origin
    }
}
