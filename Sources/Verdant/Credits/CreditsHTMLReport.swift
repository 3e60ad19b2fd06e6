import Foundation

/// A self-contained HTML report of `verdant credits`, in the estimate report's style: the cover, the key figures,
/// the waterfall from the project's stock change to the net removals (uncertainty deduction, baseline, leakage,
/// buffer), both dates' warnings, the per-parcel table with units and a totals row, then each date's inputs and
/// method and the checksums of every input.
public enum CreditsHTMLReport {
    /// The HTML text of `report`.
    public static func html(_ report: CreditsReport, heading: ReportHeading = ReportHeading()) -> String {
        let e = HTMLText.escape, t = report.total
        var body = HTMLReport.cover(
            heading, untitled: "Verdant credits",
            line:
                "From t0 (\(scene(report.t0))) to t1 (\(scene(report.t1))), \(report.rows.count) parcels, \(HTMLText.number(t.parcelHa, digits: 2)) ha"
        )
        body +=
            "<p class=\"claim\">Figures are \(e(CreditsReport.label)). \(e(EstimateReport.disclaimer))</p>\n"
        let interval =
            t.changeHalfWidth90.map {
                "± \(HTMLText.magnitude($0)) tCO2e (90 %), U = \(HTMLText.number(t.uncertaintyPct, digits: 1)) %"
            } ?? "no interval: the model carries no uncertainty"
        body += "<section class=\"figures\">"
        body += HTMLReport.figure(HTMLText.magnitude(t.netRemovals), "tCO2e", "Net removals, before verification")
        body += HTMLReport.figure(
            HTMLText.magnitude(t.projectChange), "tCO2e", "Project stock change t1 − t0", interval)
        body += HTMLReport.figure(
            HTMLText.magnitude(t.projectDeduction + t.baselineChange + t.leakage + t.buffer), "tCO2e",
            "Deductions and baseline")
        body += HTMLReport.figure(HTMLText.number(t.parcelHa, digits: 2), "ha", "Area of \(report.rows.count) parcels")
        body += "</section>\n"
        let warnings =
            report.t0.metadata.warnings.map { "t0: \($0)" } + report.t1.metadata.warnings.map { "t1: \($0)" }
        if !warnings.isEmpty {
            body += "<h2>Warnings</h2><ul class=\"warnings\">\(warnings.map { "<li>\(e($0))</li>" }.joined())</ul>\n"
        }
        body += "<h2>From the stock change to the net removals</h2><div class=\"chartbox\">"
        body += SVGChart.waterfall(
            [
                ("Project stock change", t.projectChange), ("Uncertainty deduction", -t.projectDeduction),
                ("Baseline", -t.baselineChange), ("Leakage", -t.leakage), ("Buffer (non-permanence)", -t.buffer)
            ], final: "Net removals", unit: "tCO2e", title: "Baseline, project and deductions")
        body += "</div>\n"
        body += "<h2>Parcels</h2>\n" + table(report)
        body += "<h2>t0</h2>" + HTMLReport.method(report.t0, checksums: [:])
        body += "<h2>t1</h2>" + HTMLReport.method(report.t1, checksums: [:])
        body += "<h2>Checksums</h2><ul class=\"plain\">"
        for (file, sum) in report.checksums.sorted(by: { $0.key < $1.key }) {
            body += "<li>SHA-256 of \(e(file)): <code>\(e(sum))</code></li>"
        }
        body += "</ul>\n<footer>Verdant \(e(VerdantVersion.verdant)) · \(e(EstimateReport.disclaimer))</footer>\n"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(heading.title ?? "Verdant credits"))</title>
            <style>
            \(ReportStyle.css)
            </style></head><body><main>
            \(body)</main></body></html>

            """
    }

    static func scene(_ report: EstimateReport) -> String {
        report.metadata.bands.first.map { ($0.path as NSString).lastPathComponent } ?? "no raster"
    }

    /// The per-parcel table (the CSV's columns, labelled, with units) and the totals row.
    static func table(_ report: CreditsReport) -> String {
        let columns = CreditsReportWriter.columns
        func cells(_ r: CreditFigures) -> [String] {
            let numbers: [Double?] = [
                r.parcelHa, r.co2eT0, r.co2eT1, r.projectChange, r.changeHalfWidth90, r.uncertaintyPct,
                r.projectDeduction, r.baselineChange, r.leakage, r.buffer, r.netRemovals
            ]
            return [r.parcelID] + zip(columns.dropFirst(), numbers).map { ColumnLabel.of($0).format($1) }
                + [r.excluded ? "yes" : "no", r.notes.joined(separator: "; ")]
        }
        var out = "<div class=\"scroll\"><table><thead><tr>"
        for name in columns {
            let label = ColumnLabel.of(name)
            let unit = label.shownUnit.isEmpty ? "" : " <span class=\"u\">\(label.shownUnit)</span>"
            out += "<th><span class=\"l\">\(label.label)</span>\(unit)<code>\(name)</code></th>"
        }
        out += "</tr></thead><tbody>\n"
        for r in report.rows {
            out += "<tr\(r.excluded ? " class=\"flag\"" : "")>"
            for (k, cell) in cells(r).enumerated() {
                out +=
                    k > 0 && k < columns.count - 2
                    ? "<td class=\"n\">\(cell)</td>" : "<td>\(HTMLText.escape(cell))</td>"
            }
            out += "</tr>\n"
        }
        var total = cells(report.total)
        total[0] = "Total (\(report.rows.count) parcels)"
        total[columns.count - 2] = "\(report.rows.filter(\.excluded).count) yes"
        out += "</tbody><tfoot><tr>"
        for (k, cell) in total.enumerated() {
            out += "<td\(k > 0 && k < columns.count - 2 ? " class=\"n\"" : "")>\(HTMLText.escape(cell))</td>"
        }
        return out + "</tr></tfoot></table></div>\n"
    }
}
