import ArgumentParser
import Verdant

/// The report's cover and its PDF (`estimate`).
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The report's title (project name).", valueName: "TEXT"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("The site, on the report's cover.", valueName: "TEXT"))
    var site: String?

    @Option(name: .long, help: ArgumentHelp("Who prepared the report, on its cover.", valueName: "NAME"))
    var author: String?

    @Option(
        name: [.customLong("organisation"), .customLong("organization")],
        help: ArgumentHelp("The author's organisation, on the report's cover.", valueName: "NAME"))
    var organisation: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also print the report to PDF (needs headless Chromium: apt-get install chromium).",
            valueName: "FILE.pdf"),
        completion: .file(extensions: ["pdf"]))
    var pdf: String?

    /// The cover's fields.
    var heading: ReportHeading {
        ReportHeading(title: title, site: site, author: author, organisation: organisation)
    }
}
