import Foundation

/// A self-contained HTML report of an estimate (no external references; pictures inlined as data URIs):
/// inputs, model and factors with their sources, totals with uncertainty, the sortable per-parcel table, the
/// parcels with the highest unobserved fraction flagged, the quicklook, parameters, versions, checksums, and the
/// sentence that the figures are estimates, not issued credits.
public enum HTMLReport {
    /// The HTML text; `quicklookPNG` is embedded when given; `checksums` maps input files to SHA-256.
    public static func html(
        _ report: EstimateReport, quicklookPNG: Data? = nil, checksums: [String: String] = [:]
    ) -> String {
        let m = report.metadata, t = report.totals
        func e(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        func n(_ v: Double?, _ digits: Int = 3) -> String {
            v.map { $0.isFinite ? String(format: "%.\(digits)f", $0) : "" } ?? ""
        }
        let columns = ReportColumns.all(
            attributes: report.attributeFields.map(\.name), index: m.model.index.name, classes: report.classColumns)
        var rows = ""
        let flaggedIDs = Set(
            report.rows.filter { ($0.unobservedFraction ?? 0) > 0 }
                .sorted { ($0.unobservedFraction ?? 0) > ($1.unobservedFraction ?? 0) }.prefix(10).map(\.parcelID))
        for r in report.rows {
            var cells = ["<td>\(e(r.parcelID))</td>"]
            cells += report.attributeIndices.map { "<td>\(e(r.attributes[$0].description))</td>" }
            for v in ReportColumns.values(r, index: m.model.index.name, classes: report.classColumns) {
                switch v {
                case .number(let x):
                    cells.append("<td class=\"n\" data-v=\"\(x.map { "\($0)" } ?? "")\">\(n(x, 4))</td>")
                case .flag(let b): cells.append("<td>\(b ? "yes" : "no")</td>")
                case .text(let s): cells.append("<td>\(e(s))</td>")
                }
            }
            cells.append("<td>\(e(r.notes.joined(separator: "; ")))</td>")
            let cls =
                r.failed
                ? " class=\"failed\"" : (flaggedIDs.contains(r.parcelID) || r.lowObserved ? " class=\"flag\"" : "")
            rows += "<tr\(cls)>\(cells.joined())</tr>\n"
        }
        let flagged = report.rows.filter { flaggedIDs.contains($0.parcelID) }
            .sorted { ($0.unobservedFraction ?? 0) > ($1.unobservedFraction ?? 0) }
            .map {
                "<li>\(e($0.parcelID)): \(n(($0.unobservedFraction ?? 0) * 100, 1)) % unobserved (cloud \(n(($0.cloudFraction ?? 0) * 100, 1)) %, no data \(n(($0.noDataFraction ?? 0) * 100, 1)) %)\($0.lowObserved ? String(naming: " — under the \(param: .minObserved) threshold") : "")</li>"
            }
            .joined(separator: "\n")
        let interval =
            t.interval.map { "\(n($0.co2eLow)) – \(n($0.co2eHigh)) tCO2e (90 % CI, ±\(n($0.uncertaintyPct, 1)) %)" }
            ?? String(naming: "no interval: the model carries no uncertainty (use a calibrated \(param: .modelFile))")
        let picture =
            quicklookPNG.map {
                "<h2>Quicklook</h2><img alt=\"quicklook\" src=\"data:image/png;base64,\($0.base64EncodedString())\">"
            } ?? ""
        let bands = m.bands.map {
            "<li>\(e($0.role)): \(e($0.path)) band \($0.band) \(e($0.description)) (\($0.dataType)\($0.resampling.map { ", resampled \($0)" } ?? ""))</li>"
        }.joined(separator: "\n")
        let sums = checksums.sorted { $0.key < $1.key }.map { "<li><code>\(e($0.value))</code> \(e($0.key))</li>" }
            .joined(separator: "\n")
        let warnings = m.warnings.map { "<li>\(e($0))</li>" }.joined(separator: "\n")
        let green =
            t.greenHa.map { ha in
                let threshold = m.greenThreshold.map { " (\(e(m.model.index.name.uppercased())) ≥ \(n($0, 2)))" } ?? ""
                return
                    "<li>green cover\(threshold): \(n(ha, 4)) ha, \(n((t.greenFraction ?? 0) * 100, 1)) % of the observed area</li>"
            } ?? ""
        let factorSource = m.factorSet.map { "\(e($0.name)): \(e($0.source))" } ?? e(m.factors.source)
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Verdant estimate</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;font-size:12px}
            th,td{border:1px solid #ccc;padding:2px 6px}th{background:#eef;cursor:pointer}td.n{text-align:right}
            tr.flag{background:#fff4d6}tr.failed{background:#fdd}.claim{font-weight:bold;color:#a40}img{max-width:100%}
            </style></head><body>
            <h1>Verdant estimate</h1>
            <p class="claim">\(e(EstimateReport.disclaimer))</p>
            <h2>Totals</h2>
            <ul>
            <li>parcels: \(t.parcels) (\(m.featureCount) features), \(n(t.parcelHa, 4)) ha; observed \(n(t.observedHa, 4)) ha (cloud \(n((t.cloudFraction ?? 0) * 100, 1)) %, no data \(n((t.noDataFraction ?? 0) * 100, 1)) %)</li>
            <li>mean NDVI: \(n(t.meanNDVI, 4))</li>
            <li>AGB: \(n(t.agbT)) t; carbon: \(n(t.carbonT)) t C; CO2e: <b>\(n(t.co2eT)) t</b> (gap-filled \(n(t.co2eTFilled)) t)</li>
            <li>CO2e uncertainty: \(interval)</li>
            <li>parcels under the observed threshold: \(t.lowObservedParcels)</li>
            \(green)
            </ul>
            \(warnings.isEmpty ? "" : "<h2>Warnings</h2><ul>\(warnings)</ul>")
            <h2>Most unobserved parcels</h2><ul>\(flagged.isEmpty ? "<li>none</li>" : flagged)</ul>
            \(picture)
            <h2>Parcels</h2><p>Click a column heading to sort.</p>
            <table id="parcels"><thead><tr>\(columns.map { "<th>\(e($0))</th>" }.joined())</tr></thead><tbody>
            \(rows)</tbody></table>
            <h2>Inputs</h2>
            <ul>\(bands)
            <li>grid: \(m.width) × \(m.height) cells, \(e(m.rasterCRS)) \(e(m.rasterCRSCode ?? "")); reflectance = value × \(m.scale) + \(m.offset) (\(m.scalingOrigin.description))</li>
            <li>parcels: \(e(m.parcelsPath)) (layer \(e(m.parcelsLayer)), \(e(m.parcelsCRS)))</li></ul>
            <h2>Model and factors</h2>
            <ul><li>model: \(e(m.model.formula)) — \(e(m.model.source))</li>
            <li>factors: \(factorSource)</li>
            <li>masks: \(m.masksApplied.isEmpty ? "none (no quality layer, nodata value or valid range was applied)" : e(m.masksApplied.joined(separator: "; ")))</li></ul>
            <h2>Run</h2>
            <ul><li>Verdant \(e(m.verdantVersion)), GDAL \(e(m.gdalVersion)), PROJ \(e(m.projVersion)); \(m.threads) threads; started \(e(m.startedAt)), \(n(m.seconds, 2)) s</li>
            \(sums)</ul>
            <script>
            document.querySelectorAll('#parcels th').forEach(function(th,i){th.onclick=function(){
              var tb=document.querySelector('#parcels tbody'),rs=Array.from(tb.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
              rs.sort(function(a,b){var x=a.cells[i],y=b.cells[i],p=x.dataset.v,q=y.dataset.v;
                var r=(p!==undefined&&q!==undefined&&p!==''&&q!=='')?(parseFloat(p)-parseFloat(q)):x.textContent.localeCompare(y.textContent);
                return asc?r:-r});rs.forEach(function(r){tb.appendChild(r)})}});
            </script>
            </body></html>
            """
    }
}
