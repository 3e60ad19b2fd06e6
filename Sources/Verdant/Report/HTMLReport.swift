import Foundation

/// A self-contained HTML report of an estimate, for reading on a screen and for printing (no external request:
/// style, script and pictures are inlined). In order: a cover (title, site, author, period), the key figures with
/// their units and intervals, the warnings of the run, a map (the scene's NDVI with the parcels outlined and
/// labelled, clouds shown as such, legend, scale bar, north arrow), charts (CO2e per parcel with its interval, the
/// NDVI distribution, observed and unobserved area), the per-parcel table (units in the headings, a totals row,
/// empty columns left out; a click on a row shows the parcel on its own), then what the run read and did: inputs,
/// the scaling used, the masks actually applied, model and factors with their sources, versions and checksums.
public enum HTMLReport {
    /// The HTML text of `report`. The map is drawn from `picture` (else the report's own `ndviPicture`; no map when
    /// neither is given); `checksums` maps input files to SHA-256.
    public static func html(
        _ report: EstimateReport, picture: NDVIPicture? = nil, heading: ReportHeading = ReportHeading(),
        checksums: [String: String] = [:]
    ) throws -> String {
        let m = report.metadata
        let e = HTMLText.escape
        let table = ParcelTable(report)
        var body = cover(report, heading: heading)
        body += "<p class=\"claim\">\(e(EstimateReport.disclaimer))</p>\n"
        body += keyFigures(report)
        if !m.warnings.isEmpty {
            body += "<h2>Warnings</h2><ul class=\"warnings\">"
            body += m.warnings.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }
        let picture = picture ?? report.ndviPicture
        if let picture {
            let map = ReportMap(picture: picture, report: report)
            body += "<h2>Map</h2>\n"
            body += try map.svg(ids: report.rows.map(\.parcelID), geographic: m.geographic)
            var caption =
                "NDVI of the scene (\(m.width) × \(m.height) cells, drawn at \(picture.width) × \(picture.height)), colours from \(HTMLText.number(ReportMap.range.low, digits: 1)) to \(HTMLText.number(ReportMap.range.high, digits: 1)); parcels outlined"
            if map.outlined < report.rows.count {
                caption += " (the \(map.outlined) largest of \(report.rows.count))"
            } else if report.rows.count <= ReportMap.labelLimit {
                caption += " and labelled by id"
            }
            body +=
                "<p class=\"caption\">\(e(caption)). Clouds: cells mostly masked as cloud, with nothing observed.</p>\n"
        }
        body += charts(report, picture: picture)
        body += unobserved(report)
        body += "<h2>Parcels</h2>\n"
        if table.listed.count < report.rows.count {
            body +=
                "<p>The \(table.listed.count) parcels with the largest CO2e of \(report.rows.count); every parcel is in the table written by <code>--out</code>.</p>\n"
        }
        body += "<p class=\"screen\">Click a heading to sort, a row to see the parcel on its own.</p>\n"
        let flagged = Set(mostUnobserved(report).map(\.parcelID))
        body += table.html { r in r.failed ? "failed" : (flagged.contains(r.parcelID) || r.lowObserved ? "flag" : "") }
        body += table.keyTable()
        body += table.cards()
        if !table.hiddenColumns.isEmpty {
            body +=
                "<p>Columns with no value in this run, left out here (they are in the table files, empty): \(table.hiddenColumns.map { "<code>\(e($0))</code>" }.joined(separator: ", ")).</p>\n"
        }
        body += method(report, checksums: checksums)
        body +=
            "<footer>Verdant \(e(m.verdantVersion)) · \(e(EstimateReport.disclaimer)) Figures in the tables are rounded for reading; the CSV and JSON outputs keep full precision.</footer>\n"
        body +=
            "<dialog id=\"detail\"><form method=\"dialog\"><button aria-label=\"Close\">Close</button></form><div class=\"body\"></div></dialog>\n"
        let title = heading.title ?? "Verdant estimate"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>
            \(ReportStyle.css)
            </style></head><body><main>
            \(body)</main>
            <script>
            \(ReportStyle.script)
            </script>
            </body></html>

            """
    }

    /// The cover block: title, site, author and organisation, the period (the run date when the inputs carry none).
    static func cover(_ report: EstimateReport, heading: ReportHeading) -> String {
        let m = report.metadata
        let scene = m.bands.first.map { ($0.path as NSString).lastPathComponent } ?? "the raster"
        return cover(
            heading, untitled: "Verdant estimate",
            line: "Run of \(m.startedAt.prefix(10)) on \(scene), \(report.totals.parcels) parcels")
    }

    /// A cover block: `heading`'s title (else `untitled`), site, author and organisation, then `line`.
    static func cover(_ heading: ReportHeading, untitled: String, line: String) -> String {
        let e = HTMLText.escape
        var out = "<header class=\"cover\"><h1>\(e(heading.title ?? untitled))</h1>"
        if let site = heading.site { out += "<p>Site: \(e(site))</p>" }
        let who = [heading.author, heading.organisation].compactMap { $0 }.joined(separator: ", ")
        if !who.isEmpty { out += "<p>Prepared by \(e(who))</p>" }
        return out + "<p>\(e(line))</p></header>\n"
    }

    /// A key figure: its value and unit, what it is, and a line under it.
    static func figure(_ value: String, _ unit: String, _ key: String, _ extra: String = "") -> String {
        let e = HTMLText.escape
        let under = extra.isEmpty ? "" : "<div class=\"i\">\(e(extra))</div>"
        return
            "<div class=\"figure\"><div class=\"v\">\(value) <small>\(e(unit))</small></div><div class=\"k\">\(e(key))</div>\(under)</div>"
    }

    /// The key figures, each with its unit, and the interval when the model has one.
    static func keyFigures(_ report: EstimateReport) -> String {
        let t = report.totals, m = report.metadata
        var out = "<section class=\"figures\">"
        let interval =
            t.interval.map {
                "90 % interval \(HTMLText.magnitude($0.co2eLow)) – \(HTMLText.magnitude($0.co2eHigh)) (±\(HTMLText.number($0.uncertaintyPct, digits: 1)) %)"
            } ?? "no interval: the model carries no uncertainty"
        out += figure(HTMLText.magnitude(t.co2eT), "tCO2e", "CO2e in above- and below-ground biomass", interval)
        out += figure(
            HTMLText.magnitude(t.agbT), "t", "Above-ground biomass",
            t.agbTPerHa.map { "\(HTMLText.magnitude($0)) t/ha observed" } ?? "")
        out += figure(HTMLText.magnitude(t.carbonT), "t C", "Carbon")
        out += figure(
            HTMLText.number(t.parcelHa, digits: 2), "ha", "Area of \(t.parcels) parcels",
            "observed \(HTMLText.number(t.observedHa, digits: 2)) ha (\(HTMLText.percent(1 - (t.unobservedFraction ?? 0))) %)"
        )
        out += figure(HTMLText.number(t.meanNDVI, digits: 3), "", "Mean NDVI of the observed area")
        if let green = t.greenHa {
            let threshold = m.greenThreshold.map { "NDVI ≥ \(HTMLText.number($0, digits: 2))" } ?? ""
            out += figure(
                HTMLText.number(green, digits: 2), "ha", "Green cover \(threshold)",
                "\(HTMLText.percent(t.greenFraction)) % of the observed area")
        }
        if t.lowObservedParcels > 0 {
            out += figure(
                "\(t.lowObservedParcels)", t.lowObservedParcels == 1 ? "parcel" : "parcels",
                "Under the observed threshold",
                "less than \(HTMLText.percent(m.minObserved)) % observed")
        }
        return out + "</section>\n"
    }

    /// The charts: CO2e per parcel, NDVI distribution, observed and unobserved area.
    static func charts(_ report: EstimateReport, picture: NDVIPicture?) -> String {
        let t = report.totals, shown = 30
        var out = "<h2>Charts</h2><div class=\"charts\">"
        let sorted = report.rows.sorted { ($0.co2eT, $1.parcelID) > ($1.co2eT, $0.parcelID) }
        let bars = sorted.prefix(shown).map {
            SVGChart.Bar(label: $0.parcelID, value: $0.co2eT, low: $0.interval?.co2eLow, high: $0.interval?.co2eHigh)
        }
        let more = report.rows.count > shown ? " (the \(shown) largest of \(report.rows.count))" : ""
        let withInterval = report.rows.contains { $0.interval != nil } ? ", with the 90 % interval" : ""
        out += "<h3>CO2e per parcel\(more)\(withInterval), tCO2e</h3>"
        out +=
            "<div class=\"chartbox\">" + SVGChart.bars(Array(bars), unit: "tCO2e", title: "CO2e per parcel") + "</div>"
        if let picture {
            let values = picture.values.lazy.filter(\.isFinite).map(Double.init)
            out += "<h3>NDVI distribution of the scene's observed cells</h3>"
            out += "<div class=\"chartbox\">"
            out += SVGChart.histogram(
                Array(values), low: ReportMap.range.low, high: ReportMap.range.high, bins: 22, label: "NDVI",
                title: "NDVI distribution"
            ) { centre in
                let (r, g, b) = Quicklook.colour(centre)
                return "rgb(\(r),\(g),\(b))"
            }
            out += "</div>"
        }
        let cloud = (t.cloudFraction ?? 0) * t.parcelHa, noData = (t.noDataFraction ?? 0) * t.parcelHa
        let masked = (t.maskedFraction ?? 0) * t.parcelHa
        out += "<h3>Observed and unobserved area of the parcels, ha</h3>"
        out += "<div class=\"chartbox\">"
        out += SVGChart.stacked(
            [
                SVGChart.Part(label: "observed", value: t.observedHa, colour: "#3b8b5a"),
                SVGChart.Part(label: "cloud", value: cloud, colour: "rgb(214,224,240)"),
                SVGChart.Part(label: "no data or off the raster", value: noData, colour: "#bdbdbd"),
                SVGChart.Part(label: "masked (other)", value: masked, colour: "#e0b35a")
            ], unit: "ha", title: "Observed and unobserved area")
        out += "</div>"
        return out + "</div>\n"
    }

    /// The parcels with the largest unobserved fraction (at most ten).
    static func mostUnobserved(_ report: EstimateReport) -> [ParcelFigures] {
        Array(
            report.rows.filter { ($0.unobservedFraction ?? 0) > 0 }
                .sorted { ($0.unobservedFraction ?? 0, $1.parcelID) > ($1.unobservedFraction ?? 0, $0.parcelID) }
                .prefix(10))
    }

    static func unobserved(_ report: EstimateReport) -> String {
        let rows = mostUnobserved(report)
        guard !rows.isEmpty else { return "" }
        let items = rows.map { r in
            "<li>\(HTMLText.escape(r.parcelID)): \(HTMLText.percent(r.unobservedFraction)) % unobserved (cloud \(HTMLText.percent(r.cloudFraction ?? 0)) %, no data \(HTMLText.percent(r.noDataFraction ?? 0)) %)\(r.lowObserved ? String(naming: " — under the \(param: .minObserved) threshold") : "")</li>"
        }
        return "<h2>Most unobserved parcels</h2><ul class=\"plain\">\(items.joined())</ul>\n"
    }

    /// What the run read and did: inputs, scaling, the masks applied, model and factors, versions and checksums.
    static func method(_ report: EstimateReport, checksums: [String: String]) -> String {
        let m = report.metadata, e = HTMLText.escape
        var out = "<h2>Method and inputs</h2><ul class=\"plain\">"
        for b in m.bands {
            out +=
                "<li>\(e(b.role)): \(e(b.path)) band \(b.band) \(e(b.description)) (\(e(b.dataType))\(b.resampling.map { ", resampled \(e($0))" } ?? ""))</li>"
        }
        out +=
            "<li>grid: \(HTMLText.number(Double(m.width), digits: 0)) × \(HTMLText.number(Double(m.height), digits: 0)) cells, \(e(m.rasterCRS)) \(e(m.rasterCRSCode ?? ""))</li>"
        out += "<li>reflectance = value × \(m.scale) + \(m.offset) (\(e(m.scalingOrigin.description)))</li>"
        out +=
            "<li>parcels: \(e(m.parcelsPath)) (layer \(e(m.parcelsLayer)), \(e(m.parcelsCRS))), \(m.featureCount) features, \(m.parcelCount) parcels</li>"
        out +=
            "<li>masks applied: \(m.masksApplied.isEmpty ? "none (the run had no quality layer, nodata value or valid range)" : e(m.masksApplied.joined(separator: "; ")))</li>"
        out += "<li>model: \(e(m.model.formula)) — \(e(m.model.source))</li>"
        let factorSource = m.factorSet.map { "\(e($0.name)): \(e($0.source))" } ?? e(m.factors.source)
        out += "<li>factors: \(factorSource)</li>"
        if let threshold = m.greenThreshold {
            out +=
                "<li>green cover: \(e(m.model.index.name.uppercased())) ≥ \(HTMLText.number(threshold, digits: 2))\(m.greenThresholdSource.map { " (\(e($0)))" } ?? "")</li>"
        }
        out += "<li><code>low_observed</code>: under \(HTMLText.percent(m.minObserved)) % of a parcel observed</li>"
        out += "</ul><h3>Run</h3><ul class=\"plain\">"
        out +=
            "<li>Verdant \(e(m.verdantVersion)), GDAL \(e(m.gdalVersion)), PROJ \(e(m.projVersion)); \(m.threads) threads; started \(e(m.startedAt)), \(HTMLText.number(m.seconds, digits: 2)) s</li>"
        for (file, sum) in checksums.sorted(by: { $0.key < $1.key }) {
            out += "<li>SHA-256 of \(e(file)): <code>\(e(sum))</code></li>"
        }
        return out + "</ul>\n"
    }
}
