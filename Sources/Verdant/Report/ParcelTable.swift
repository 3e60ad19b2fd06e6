/// The per-parcel table of the HTML report: labels with units in the headings, numbers for reading, a totals row,
/// columns with no value in the run left out (and named), and the same figures as cards for print.
struct ParcelTable {
    /// At most this many parcels are listed; beyond, the `listedWhenMany` with the largest CO2e (the full table is the
    /// run's `--out` file).
    static let listLimit = 2000
    /// How many parcels are listed when there are more than `listLimit`.
    static let listedWhenMany = 1000

    /// A column: its name in the outputs, how it reads, and whether it holds a parcel attribute.
    struct Column {
        var name: String
        var label: ColumnLabel
        var numeric: Bool
    }

    let report: EstimateReport
    /// Every column of the run's table, in order.
    let allColumns: [Column]
    /// The columns shown: those with a value for some parcel.
    let columns: [Column]
    /// Indices into `report.rows` of the rows listed, in the table's order.
    let listed: [Int]
    /// The cells of every row of `report.rows`, by column of `allColumns`: display text and sort value.
    private let cells: [[(text: String, value: Double?)]]

    init(_ report: EstimateReport) {
        self.report = report
        let index = report.metadata.model.index.name
        let attributes = report.attributeFields.map(\.name)
        let figures = ReportColumns.figureColumns(index: index, classes: report.classColumns)
        var all = [Column(name: ReportColumns.parcelID, label: .of(ReportColumns.parcelID), numeric: false)]
        all += attributes.map { Column(name: $0, label: ColumnLabel(label: $0, kind: .text), numeric: false) }
        all += figures.map { Column(name: $0, label: .of($0), numeric: $0 != "factor_class" && $0 != "low_observed") }
        all.append(Column(name: ReportColumns.notes, label: .of(ReportColumns.notes), numeric: false))
        allColumns = all
        var cells: [[(text: String, value: Double?)]] = []
        cells.reserveCapacity(report.rows.count)
        for r in report.rows {
            var row: [(text: String, value: Double?)] = [(r.parcelID, nil)]
            row += report.attributeIndices.map { (r.attributes[$0].description, nil) }
            let values = ReportColumns.values(r, index: index, classes: report.classColumns)
            for (k, v) in values.enumerated() {
                let label = all[1 + attributes.count + k].label
                switch v {
                case .number(let x): row.append((label.format(x), x))
                case .flag(let b): row.append((b ? "yes" : "no", b ? 1 : 0))
                case .text(let s): row.append((s, nil))
                }
            }
            row.append((r.notes.joined(separator: "; "), nil))
            cells.append(row)
        }
        self.cells = cells
        // A column is shown when some parcel has a value in it (the id always).
        let shown = all.indices.filter { c in c == 0 || cells.contains { !$0[c].text.isEmpty } }
        columns = shown.map { all[$0] }
        shownIndices = shown
        if report.rows.count > Self.listLimit {
            let largest = report.rows.indices.sorted {
                (report.rows[$0].co2eT, report.rows[$1].parcelID) > (report.rows[$1].co2eT, report.rows[$0].parcelID)
            }
            listed = Array(largest.prefix(Self.listedWhenMany)).sorted()
        } else {
            listed = Array(report.rows.indices)
        }
    }

    private let shownIndices: [Int]

    /// The names of the columns left out because no parcel has a value in them.
    var hiddenColumns: [String] {
        let shown = Set(columns.map(\.name))
        return allColumns.map(\.name).filter { !shown.contains($0) }
    }

    /// The totals row, by column name: sums, or the area-weighted figures of `EstimateTotals`.
    func totals() -> [String: String] {
        let t = report.totals
        var out: [String: Double?] = [
            "parcel_ha": t.parcelHa, "covered_ha": t.coveredHa, "observed_ha": t.observedHa,
            "unobserved_fraction": t.unobservedFraction, "mean_ndvi": t.meanNDVI, "agb_t": t.agbT,
            "agb_t_per_ha": t.agbTPerHa, "carbon_t": t.carbonT, "co2e_t": t.co2eT, "cloud_fraction": t.cloudFraction,
            "nodata_fraction": t.noDataFraction, "masked_fraction": t.maskedFraction, "agb_t_filled": t.agbTFilled,
            "co2e_t_filled": t.co2eTFilled, "green_ha": t.greenHa, "green_fraction": t.greenFraction,
            "agb_t_lo90": t.interval?.agbLow, "agb_t_hi90": t.interval?.agbHigh, "co2e_t_lo90": t.interval?.co2eLow,
            "co2e_t_hi90": t.interval?.co2eHigh, "uncertainty_pct": t.interval?.uncertaintyPct
        ]
        let index = report.metadata.model.index.name
        if index != "ndvi" { out["mean_\(index)"] = t.meanIndex }
        for c in report.classColumns {
            out[c.column] = report.rows.reduce(0.0) { $0 + ($1.classAreasHa[c.value] ?? 0) }
        }
        var text = out.reduce(into: [String: String]()) { $0[$1.key] = ColumnLabel.of($1.key).format($1.value) }
        text[ReportColumns.parcelID] = "Total (\(t.parcels) parcels)"
        text["low_observed"] = "\(t.lowObservedParcels) yes"
        return text
    }

    /// The heading of a column: its label and unit, with its name in the outputs below.
    static func heading(_ c: Column) -> String {
        let unit = c.label.shownUnit.isEmpty ? "" : " <span class=\"u\">\(HTMLText.escape(c.label.shownUnit))</span>"
        return
            "<span class=\"l\">\(HTMLText.escape(c.label.label))</span>\(unit)<code>\(HTMLText.escape(c.name))</code>"
    }

    /// The table for the screen: sortable headings, a row per listed parcel (`data-i` its index in the report),
    /// and the totals row; `rowClass` gives a row's class (flagged, failed) or "".
    func html(rowClass: (ParcelFigures) -> String) -> String {
        var out = "<div class=\"scroll\"><table id=\"parcels\" class=\"wide\"><thead><tr>"
        for c in columns { out += "<th\(c.numeric ? " class=\"n\"" : "")>\(Self.heading(c))</th>" }
        out += "</tr></thead><tbody>\n"
        for i in listed {
            let cls = rowClass(report.rows[i])
            out += "<tr data-i=\"\(i)\"\(cls.isEmpty ? "" : " class=\"\(cls)\"")>"
            for (k, c) in zip(shownIndices, columns) {
                let cell = cells[i][k]
                if c.numeric {
                    out += "<td class=\"n\" data-v=\"\(cell.value.map { "\($0)" } ?? "")\">\(cell.text)</td>"
                } else {
                    out += "<td>\(HTMLText.escape(cell.text))</td>"
                }
            }
            out += "</tr>\n"
        }
        let totals = totals()
        out += "</tbody><tfoot><tr>"
        for c in columns {
            out += "<td\(c.numeric ? " class=\"n\"" : "")>\(HTMLText.escape(totals[c.name] ?? ""))</td>"
        }
        out += "</tr></tfoot></table></div>\n"
        return out
    }

    /// The key columns of every listed parcel as a table for print, its headings repeated on every page.
    func keyTable() -> String {
        let key = ["parcel_ha", "observed_ha", "mean_ndvi", "agb_t", "co2e_t", "co2e_t_lo90", "co2e_t_hi90"]
        let picked = zip(shownIndices, columns).filter {
            $0.1.name == ReportColumns.parcelID || key.contains($0.1.name)
        }
        var out = "<table class=\"key print\"><thead><tr>"
        for (_, c) in picked { out += "<th\(c.numeric ? " class=\"n\"" : "")>\(Self.heading(c))</th>" }
        out += "</tr></thead><tbody>"
        for i in listed {
            out += "<tr>"
            for (k, c) in picked {
                out += "<td\(c.numeric ? " class=\"n\"" : "")>\(HTMLText.escape(cells[i][k].text))</td>"
            }
            out += "</tr>"
        }
        let totals = totals()
        out += "</tbody><tfoot><tr>"
        for (_, c) in picked {
            out += "<td\(c.numeric ? " class=\"n\"" : "")>\(HTMLText.escape(totals[c.name] ?? ""))</td>"
        }
        return out + "</tr></tfoot></table>\n"
    }

    /// The same rows as cards (label: value, every shown column), for print, where a wide table cannot fit.
    func cards() -> String {
        var out = "<div class=\"cards\">\n"
        for i in listed {
            out += "<section class=\"card\"><h3>\(HTMLText.escape(cells[i][0].text))</h3><dl>"
            for (k, c) in zip(shownIndices, columns).dropFirst() where !cells[i][k].text.isEmpty {
                let unit = c.label.shownUnit.isEmpty ? "" : " \(HTMLText.escape(c.label.shownUnit))"
                out +=
                    "<div><dt>\(HTMLText.escape(c.label.label)) <code>\(HTMLText.escape(c.name))</code></dt><dd>\(HTMLText.escape(cells[i][k].text))\(c.numeric ? unit : "")</dd></div>"
            }
            out += "</dl></section>\n"
        }
        return out + "</div>\n"
    }
}
