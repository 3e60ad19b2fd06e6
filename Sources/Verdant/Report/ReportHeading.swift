/// What a report's cover says about the work: project, site, author and organisation (`--title`, `--site`,
/// `--author`, `--organisation`, or a job file's keys). Empty fields are left out.
public struct ReportHeading: Hashable, Sendable {
    /// The project's or the report's title.
    public var title: String?
    /// The site (place, concession, city district).
    public var site: String?
    /// Who prepared the report.
    public var author: String?
    /// For whom or where the author works.
    public var organisation: String?

    /// A heading.
    public init(title: String? = nil, site: String? = nil, author: String? = nil, organisation: String? = nil) {
        self.title = title
        self.site = site
        self.author = author
        self.organisation = organisation
    }
}
