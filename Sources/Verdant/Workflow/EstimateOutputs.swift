/// The files an estimate writes, and when its result counts as partial.
public struct EstimateOutputs: Hashable, Sendable {
    /// The per-parcel table: FILE.csv, .json, .geojson, .gpkg, or `-` for CSV on standard output.
    public var table: String
    /// A self-contained HTML report, if wanted.
    public var report: String?
    /// A Markdown summary, if wanted.
    public var summary: String?
    /// A PNG quicklook of NDVI with the parcels outlined, if wanted (the report embeds one either way).
    public var quicklook: String?
    /// The HTML report printed to PDF by headless Chromium, if wanted (`PDFRenderer`).
    public var pdf: String?
    /// The report's cover: title, site, author, organisation.
    public var heading: ReportHeading = ReportHeading()
    /// Overwrite outputs that exist already (else an existing output is an error).
    public var overwrite: Bool
    /// The run is partial (exit code 3, outputs still written) when more than this fraction of the parcels' area
    /// is unobserved; nil: never for that reason.
    public var failOnUnobserved: Double?

    /// Outputs of an estimate.
    public init(
        table: String, report: String? = nil, summary: String? = nil, quicklook: String? = nil,
        pdf: String? = nil, heading: ReportHeading = ReportHeading(), overwrite: Bool = false,
        failOnUnobserved: Double? = nil
    ) {
        self.pdf = pdf
        self.heading = heading
        self.table = table
        self.report = report
        self.summary = summary
        self.quicklook = quicklook
        self.overwrite = overwrite
        self.failOnUnobserved = failOnUnobserved
    }

    /// The extra outputs (report, summary, quicklook, PDF) that are wanted, in that order.
    public var extras: [String] { [report, summary, quicklook, pdf].compactMap { $0 } }

    /// Throws for outputs that cannot work together: a threshold that is not a fraction, or two outputs on one file.
    public func validate() throws {
        if let f = failOnUnobserved, !(f.isFinite && (0...1).contains(f)) {
            throw VerdantError.invalidParameter(
                .failOnUnobserved, problem: "must be a fraction between 0 and 1 (got \(f))")
        }
        if Set(extras + [table]).count != extras.count + 1 {
            throw VerdantError.usage(
                "\(param: .out), \(param: .report), \(param: .summary), \(param: .quicklook) and \(param: .pdf) must be different files"
            )
        }
        if let pdf, !pdf.lowercased().hasSuffix(".pdf") {
            throw VerdantError.invalidParameter(.pdf, problem: "\(pdf): the extension must be .pdf")
        }
    }
}
