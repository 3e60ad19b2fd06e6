/// The files a series writes.
public struct SeriesOutputs: Hashable, Sendable {
    /// The long table, one row per parcel and date: FILE.csv, .json or .gpkg (`-`: CSV on standard output).
    public var table: String
    /// The per-parcel table (trend, green change, alert): FILE.csv, .json or .gpkg (`-`: CSV on standard output),
    /// if wanted.
    public var summary: String?
    /// A self-contained HTML report with charts and the alerts, if wanted.
    public var report: String?
    /// Overwrite outputs that exist already (else an existing output is an error).
    public var overwrite: Bool

    /// Outputs of a series.
    public init(table: String, summary: String? = nil, report: String? = nil, overwrite: Bool = false) {
        self.table = table
        self.summary = summary
        self.report = report
        self.overwrite = overwrite
    }

    /// Every output wanted, table first.
    public var all: [String] { [table] + [summary, report].compactMap { $0 } }

    /// Throws for outputs that cannot be written: an extension no series table takes, or two outputs on one file.
    public func validate() throws {
        _ = try SeriesWriter.checkFormat(table, parameter: .out)
        if let summary { _ = try SeriesWriter.checkFormat(summary, parameter: .summaryOut) }
        if Set(all).count != all.count {
            throw VerdantError.usage(
                "\(param: .out), \(param: .summaryOut) and \(param: .report) must be different files")
        }
    }
}
