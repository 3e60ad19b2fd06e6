import ArgumentParser
import Verdant

/// The outputs beside an estimate's table, and its JSON summary (`estimate` and `merge`).
struct EstimateExtras: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write a self-contained HTML report (table, totals, sources, checksums).", valueName: "FILE.html"),
        completion: .files("html"))
    var report: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Also write a Markdown summary (for CI systems that show Markdown).", valueName: "FILE.md"),
        completion: .files("md"))
    var summary: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write a PNG quicklook of NDVI with the parcels outlined (embedded in --report too).",
            valueName: "FILE.png"), completion: .files("png"))
    var quicklook: String?

    @Flag(name: .long, help: "Print a JSON summary (totals, outputs, warnings, flags) on standard output.")
    var json = false

    @Option(
        name: .customLong("fail-on-unobserved"), parsing: .unconditional,
        help: ArgumentHelp(
            "Exit 3 (outputs still written) when the total unobserved fraction exceeds this.", valueName: "FRACTION"))
    var failOnUnobserved: Double?

    /// Throws when the options clash with the table `out`.
    func check(out: String) throws {
        if json && out == "-" {
            throw VerdantError.usage("--json and --out - both print on standard output: choose one")
        }
    }

    /// The outputs of a run writing the table `table`, with `report`'s cover and PDF; paths go through `path`.
    func outputs(
        table: String, report cover: ReportOptions, overwrite: Bool, path: (String?) -> String? = { $0 }
    ) -> EstimateOutputs {
        EstimateOutputs(
            table: path(table)!, report: path(report), summary: path(summary), quicklook: path(quicklook),
            pdf: path(cover.pdf), heading: cover.heading, overwrite: overwrite, failOnUnobserved: failOnUnobserved)
    }
}
