import Foundation

/// A self-contained HTML report of a series (no external references; charts as inline SVG): the project's
/// observed green area and mean index over time, a small chart per parcel (alerted parcels first), the alerts
/// table, the dates and where they came from, the model and thresholds, and the warnings.
public enum SeriesHTMLReport {
    /// Parcels drawn one chart each, at most (alerted parcels first); the tables list every parcel.
    public static let maxParcelCharts = 200

    /// The HTML text.
    public static func html(_ report: SeriesReport) -> String {
        let index = report.index.name.uppercased()
        let dates = report.dates
        // The project over time: observed green area (sum over parcels) and the observed-area-weighted mean index.
        var green: [Double?] = [], mean: [Double?] = []
        for e in report.estimates {
            let observed = e.rows.reduce(0) { $0 + $1.observedHa }
            let weighted = e.rows.reduce(0) { $0 + ($1.meanIndex ?? 0) * $1.observedHa }
            green.append(report.greenThreshold == nil ? nil : e.rows.reduce(0) { $0 + ($1.greenHa ?? 0) })
            mean.append(observed > 0 ? weighted / observed : nil)
        }
        let t = dates.map(\.years)
        var body = "<h1>Verdant time series</h1>\n"
        body +=
            "<p>\(dates.count) dates (\(e(dates.first?.text ?? "")) to \(e(dates.last?.text ?? ""))), \(report.parcels.parcels.count) parcels, index \(index)"
            + (report.greenThreshold.map { ", green where \(index) ≥ \($0)" } ?? "") + ".</p>\n"
        body += "<h2>Project</h2>\n"
        body += chart(
            t: t, series: [mean], labels: dates.map(\.day), title: "Mean \(index) over the observed area",
            width: 720, height: 220)
        if report.greenThreshold != nil {
            body += chart(
                t: t, series: [green], labels: dates.map(\.day), title: "Observed green area (ha)", width: 720,
                height: 220)
        }
        let alerts = report.trends.enumerated().filter { $0.element.alertDate != nil }
        body += "<h2>Alerts (\(alerts.count))</h2>\n"
        if alerts.isEmpty {
            body += "<p>No parcel raised an alert.</p>\n"
        } else {
            body +=
                "<div class=\"scroll\"><table><tr><th>parcel_id</th><th>alert_date</th><th>max_drop</th><th>baseline_rmse</th><th>\(e(report.index.name))_trend_per_year</th></tr>\n"
            for (_, a) in alerts {
                body +=
                    "<tr><td>\(e(a.parcelID))</td><td>\(e(a.alertDate!.text))</td><td>\(n(a.maxDrop))</td><td>\(n(a.baselineRMSE))</td><td>\(n(a.trendPerYear))</td></tr>\n"
            }
            body += "</table></div>\n"
        }
        body += "<h2>Parcels</h2>\n"
        let order = alerts.map(\.offset) + report.trends.indices.filter { report.trends[$0].alertDate == nil }
        let drawn = order.prefix(maxParcelCharts)
        if order.count > drawn.count {
            body +=
                "<p>Charts of \(drawn.count) of \(order.count) parcels (alerted ones first); every parcel is in the tables.</p>\n"
        }
        body += "<div class=\"grid\">\n"
        for p in drawn {
            let trend = report.trends[p]
            let values = report.estimates.map { est -> Double? in
                let r = est.rows[p]
                return r.lowObserved ? nil : r.meanIndex
            }
            let alertT = trend.alertDate.map(\.years)
            body += "<figure>"
            body += chart(
                t: t, series: [values], labels: [], title: trend.parcelID, width: 220, height: 90, mark: alertT)
            body += "</figure>\n"
        }
        body += "</div>\n"
        body += "<h2>Dates</h2>\n<table><tr><th>date</th><th>given in</th></tr>\n"
        for a in report.acquisitions {
            body += "<tr><td>\(e(a.date.text))</td><td>\(e(a.file)) \(e(a.origin))</td></tr>\n"
        }
        body += "</table>\n"
        if !report.warnings.isEmpty {
            body += "<h2>Warnings</h2>\n<ul>" + report.warnings.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }
        body +=
            "<p class=\"small\">Alerts after the BFAST Monitor idea (Verbesselt, J., Zeileis, A., Herold, M. (2012), Near real-time disturbance detection using satellite image time series, Remote Sensing of Environment 123, 98–108). The figures are estimates, not issued credits. Verdant \(e(VerdantVersion.verdant)).</p>\n"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Verdant time series</title>
            <style>
            \(ReportStyle.css)
            .grid{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0}.small{font-size:12px;color:#555}
            svg{max-width:100%;height:auto}svg text{font-size:10px;fill:#333}
            </style></head><body><main>
            \(body)</main></body></html>

            """
    }

    /// An SVG line chart of `series` (nil: no point) over `t`, with the first and last labels on the time axis and
    /// a vertical mark at `mark`.
    static func chart(
        t: [Double], series: [[Double?]], labels: [String], title: String, width: Int, height: Int,
        mark: Double? = nil
    ) -> String {
        let values = series.flatMap { $0.compactMap { $0 } }.filter(\.isFinite)
        let w = Double(width), h = Double(height), left = 36.0, bottom = 16.0, top = 14.0
        var svg =
            "<svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\"><title>\(e(title))</title>"
        svg += "<text x=\"\(left)\" y=\"10\">\(e(title))</text>"
        guard let lo0 = values.min(), let hi0 = values.max(), let t0 = t.first, let t1 = t.last else {
            return svg + "<text x=\"\(left)\" y=\"\(h / 2)\">no observed date</text></svg>\n"
        }
        let lo = hi0 > lo0 ? lo0 : lo0 - 0.5, hi = hi0 > lo0 ? hi0 : hi0 + 0.5
        let span = t1 > t0 ? t1 - t0 : 1
        func x(_ v: Double) -> Double { left + (v - t0) / span * (w - left - 6) }
        func y(_ v: Double) -> Double { top + (hi - v) / (hi - lo) * (h - top - bottom) }
        svg +=
            "<line x1=\"\(left)\" y1=\"\(h - bottom)\" x2=\"\(w - 6)\" y2=\"\(h - bottom)\" stroke=\"#999\"/>"
            + "<text x=\"2\" y=\"\(y(hi) + 4)\">\(n(hi, 2))</text><text x=\"2\" y=\"\(y(lo))\">\(n(lo, 2))</text>"
        if let a = labels.first, let b = labels.last {
            svg += "<text x=\"\(left)\" y=\"\(h - 3)\">\(e(a))</text>"
            svg += "<text x=\"\(w - 70)\" y=\"\(h - 3)\">\(e(b))</text>"
        }
        if let m = mark {
            svg +=
                "<line x1=\"\(x(m))\" y1=\"\(top)\" x2=\"\(x(m))\" y2=\"\(h - bottom)\" stroke=\"#c00\" stroke-dasharray=\"3,2\"/>"
        }
        for s in series {
            var path = "", pen = false
            for (i, v) in s.enumerated() {
                guard let v, v.isFinite else {
                    pen = false
                    continue
                }
                path += "\(pen ? "L" : "M")\(String(format: "%.1f", x(t[i]))),\(String(format: "%.1f", y(v))) "
                pen = true
                svg +=
                    "<circle cx=\"\(String(format: "%.1f", x(t[i])))\" cy=\"\(String(format: "%.1f", y(v)))\" r=\"1.8\" fill=\"#2a7a2a\"/>"
            }
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"#2a7a2a\" stroke-width=\"1.3\"/>"
        }
        return svg + "</svg>\n"
    }

    private static func e(_ s: String) -> String { HTMLText.escape(s) }

    private static func n(_ v: Double?, _ digits: Int = 3) -> String { HTMLText.number(v, digits: digits) }
}
