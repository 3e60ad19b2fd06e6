/// What a composite wrote: its bands, dates and cells.
public struct CompositeSummary: Hashable, Sendable {
    /// The band descriptions of the composite, in band order (roles, then the index).
    public var bands: [String]
    /// The dates reduced.
    public var dates: [AcquisitionDate]
    /// Cells of the grid.
    public var cells: Int
    /// Cells with at least one observed date.
    public var observedCells: Int
    /// The outputs written.
    public var outputs: [String]
    /// Warnings of the inputs (each once).
    public var warnings: [String]
}
