/// A short Markdown summary of an estimate, for CI systems that show Markdown.
public enum MarkdownSummary {
    /// The Markdown text.
    public static func text(_ report: EstimateReport) -> String {
        let t = report.totals, m = report.metadata
        func n(_ v: Double?, _ d: Int = 3) -> String { v.map { String(format: "%.\(d)f", $0) } ?? "n/a" }
        var lines = [
            "## Verdant estimate",
            "",
            "> \(EstimateReport.disclaimer)",
            "",
            "| figure | value |",
            "| --- | ---: |",
            "| parcels | \(t.parcels) |",
            "| parcel area (ha) | \(n(t.parcelHa, 4)) |",
            "| observed area (ha) | \(n(t.observedHa, 4)) |",
            "| cloud fraction | \(n(t.cloudFraction, 4)) |",
            "| mean NDVI | \(n(t.meanNDVI, 4)) |",
            "| AGB (t) | \(n(t.agbT)) |",
            "| carbon (t C) | \(n(t.carbonT)) |",
            "| CO2e (t) | \(n(t.co2eT)) |"
        ]
        if let g = t.greenHa {
            lines.append("| green area (ha) | \(n(g, 4)) |")
            lines.append("| green fraction of observed | \(n(t.greenFraction, 4)) |")
        }
        if let i = t.interval { lines.append("| CO2e 90 % CI (t) | \(n(i.co2eLow)) – \(n(i.co2eHigh)) |") }
        lines.append("| parcels under the observed threshold | \(t.lowObservedParcels) |")
        let failed = report.rows.filter(\.failed).map(\.parcelID)
        if !failed.isEmpty { lines += ["", "**Failed parcels:** \(failed.joined(separator: ", "))"] }
        if !m.warnings.isEmpty { lines += [""] + m.warnings.map { "- ⚠️ \($0)" } }
        lines += [
            "", "Model: \(m.model.formula) — \(m.model.source)", "",
            "Verdant \(m.verdantVersion), GDAL \(m.gdalVersion)"
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

import Foundation
