import Foundation
import GDALKit
import Testing
import TestSupport

/// `verdant series` from the command line: the columns of its tables as the issue spells them, the HTML report, the
/// JSON summary, JSON and GeoPackage outputs, a one-date series against `estimate`, and bad input.
@Suite struct SeriesCommandTests {
    static let rowsHeader =
        "parcel_id,date,covered_ha,observed_ha,unobserved_fraction,cloud_fraction,nodata_fraction,masked_fraction,mean_ndvi,green_ha,green_fraction,agb_t,agb_t_per_ha,co2e_t,agb_t_filled,co2e_t_filled,low_observed,notes"
    static let rowsHeaderWithoutModel =
        "parcel_id,date,covered_ha,observed_ha,unobserved_fraction,cloud_fraction,nodata_fraction,masked_fraction,mean_ndvi,green_ha,green_fraction,low_observed,notes"
    static let summaryHeader =
        "parcel_id,dates,observed_dates,first_date,last_date,mean_ndvi_first,mean_ndvi_last,ndvi_trend_per_year,trend_p,green_ha_first,green_ha_last,green_ha_change,baseline_rmse,max_drop,alert_date,co2e_t_first,co2e_t_last,notes"
    static let summaryHeaderWithoutModel =
        "parcel_id,dates,observed_dates,first_date,last_date,mean_ndvi_first,mean_ndvi_last,ndvi_trend_per_year,trend_p,green_ha_first,green_ha_last,green_ha_change,baseline_rmse,max_drop,alert_date,notes"
    static let model = ["--model", "linear:-30,250"]

    @Test func writesTheLongTableTheSummaryAndTheReport() throws {
        let s = try SeriesFixture()
        defer { s.folder.remove() }
        let out = s.folder.file("series.csv"), summary = s.folder.file("parcels.csv"), html = s.folder.file("r.html")
        let r = try VerdantBinary.run(
            s.series(Self.model + ["--out", out, "--summary-out", summary, "--report", html]))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("20 dates × 4 parcels; 1 alert(s)"), "\(r.stdout)")

        let rows = try String(contentsOfFile: out, encoding: .utf8)
        let (header, table) = SeriesFixture.table(rows)
        #expect(header.joined(separator: ",") == Self.rowsHeader)
        #expect(table.count == 4 * 20)
        // Sorted by parcel (in the layer's order), then date.
        let expectedKeys = SeriesFixture.parcels.flatMap { p in s.dates.map { "\(p) \($0)" } }
        #expect(table.map { "\($0["parcel_id"]!) \($0["date"]!)" } == expectedKeys)
        // The cloudy parcel is cloud on its cloudy dates, and low observed there.
        for row in table where row["parcel_id"] == "cloudy" {
            let d = s.dates.firstIndex(of: row["date"]!)!
            let cloudy = SeriesFixture.cloudyIndices.contains(d)
            #expect(Double(row["cloud_fraction"]!) == (cloudy ? 1 : 0), "\(row)")
            #expect(row["low_observed"] == (cloudy ? "true" : "false"), "\(row)")
        }
        // Mean NDVI is the fixture's NDVI of the parcel on the date.
        for row in table where row["low_observed"] == "false" {
            let p = SeriesFixture.parcels.firstIndex(of: row["parcel_id"]!)!, d = s.dates.firstIndex(of: row["date"]!)!
            let ndvi = try #require(Double(row["mean_ndvi"]!))
            #expect(abs(ndvi - SeriesFixture.ndvi(parcel: p, date: d)) < 1e-5, "\(row)")
        }

        let (summaryColumns, parcels) = SeriesFixture.table(try String(contentsOfFile: summary, encoding: .utf8))
        #expect(summaryColumns.joined(separator: ",") == Self.summaryHeader)
        #expect(parcels.map { $0["parcel_id"]! } == SeriesFixture.parcels)
        let byName = Dictionary(uniqueKeysWithValues: parcels.map { ($0["parcel_id"]!, $0) })
        #expect(byName["cleared"]?["alert_date"] == s.dates[SeriesFixture.clearingIndex])
        for name in ["stable", "seasonal", "cloudy"] { #expect(byName[name]?["alert_date"] == "", "\(name)") }
        #expect(byName["stable"]?["dates"] == "20" && byName["stable"]?["observed_dates"] == "20")
        #expect(byName["cloudy"]?["observed_dates"] == "\(20 - SeriesFixture.cloudyIndices.count)")
        #expect(byName["cleared"]?["first_date"] == s.dates.first && byName["cleared"]?["last_date"] == s.dates.last)
        #expect(byName["cleared"]?["green_ha_first"] == "0.16" && byName["cleared"]?["green_ha_last"] == "0.0")
        #expect(byName["cleared"]?["green_ha_change"] == "-0.16")
        #expect(Double(byName["cleared"]?["ndvi_trend_per_year"] ?? "") ?? 0 < 0)

        let report = try String(contentsOfFile: html, encoding: .utf8)
        #expect(
            !report.contains("http://") && !report.contains("https://") && !report.contains("src=")
                && !report.contains("<link"), "self-contained")
        #expect(report.components(separatedBy: "<svg").count - 1 >= 1 + 1 + 4, "project charts and one per parcel")
        let alerts = try #require(report.range(of: "<h2>Alerts (1)</h2>"))
        let alertsTable = report[alerts.upperBound...].prefix(600)
        #expect(alertsTable.contains("<td>cleared</td><td>\(s.dates[SeriesFixture.clearingIndex])</td>"))
        #expect(!alertsTable.contains("<td>stable</td>"))
        #expect(report.contains("Verbesselt"))
    }

    @Test func withoutAModelTheBiomassColumnsAreLeftOut() throws {
        let s = try SeriesFixture(dateCount: 3)
        defer { s.folder.remove() }
        let out = s.folder.file("series.csv"), summary = s.folder.file("parcels.csv")
        let r = try VerdantBinary.run(s.series(["--out", out, "--summary-out", summary]))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("illustrative"), "no biomass is written, so the example model is not warned of")
        let rows = try String(contentsOfFile: out, encoding: .utf8)
        #expect(rows.hasPrefix(Self.rowsHeaderWithoutModel + "\n"))
        #expect(try String(contentsOfFile: summary, encoding: .utf8).hasPrefix(Self.summaryHeaderWithoutModel + "\n"))
    }

    @Test func jsonOnStandardOutputNamesTheDatesAndTheAlerts() throws {
        let s = try SeriesFixture()
        defer { s.folder.remove() }
        let out = s.folder.file("series.csv")
        let r = try VerdantBinary.run(s.series(["--out", out, "--json"]))
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["dates"] as? [String] == s.dates)
        let alerts = try #require(o["alerts"] as? [[String: Any]])
        #expect(alerts.count == 1)
        #expect(alerts.first?["parcel_id"] as? String == "cleared")
        #expect(alerts.first?["alert_date"] as? String == s.dates[SeriesFixture.clearingIndex])
        #expect(o["outputs"] as? [String] == [out])
        #expect(o["exit_code"] as? Int == 0)
    }

    @Test func writesJSONTables() throws {
        let s = try SeriesFixture(dateCount: 14)
        defer { s.folder.remove() }
        let out = s.folder.file("series.json"), summary = s.folder.file("parcels.json")
        let r = try VerdantBinary.run(s.series(Self.model + ["--out", out, "--summary-out", summary]))
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        #expect(o["schema"] as? String == "verdant-series/1")
        #expect(o["index"] as? String == "ndvi")
        #expect((o["dates"] as? [[String: Any]])?.map { $0["date"] as? String } == s.dates)
        #expect(o["green_threshold"] as? Double == 0.4)
        #expect(o["parcel_count"] as? Int == 4)
        #expect((o["model"] as? [String: Any])?["expression"] is String)
        let rows = try #require(o["rows"] as? [[String: Any]])
        #expect(rows.count == 4 * 14)
        #expect(rows.first?["parcel_id"] as? String == "stable" && rows.first?["date"] as? String == s.dates[0])
        #expect(rows.first?["low_observed"] as? Bool == false)
        #expect(rows.first?["mean_ndvi"] is Double)
        let p = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summary))) as? [String: Any])
        let parcels = try #require(p["parcels"] as? [[String: Any]])
        #expect(parcels.map { $0["parcel_id"] as? String } == SeriesFixture.parcels)
        #expect(parcels.first?["dates"] as? Int == 14)
    }

    @Test func writesAGeoPackageOfParcelsBesideASeriesTable() throws {
        let s = try SeriesFixture(dateCount: 5)
        defer { s.folder.remove() }
        let out = s.folder.file("series.gpkg"), summary = s.folder.file("parcels.gpkg")
        let r = try VerdantBinary.run(s.series(Self.model + ["--out", out, "--summary-out", summary]))
        #expect(r.status == 0, "\(r.stderr)")
        let dataset = try VectorDataset.open(out)
        let parcels = try dataset.layer(named: "parcels")
        #expect(parcels.featureCount == 4)
        #expect(parcels.geometryTypeName.contains("Polygon"), "\(parcels.geometryTypeName)")
        #expect(try parcels.features().allSatisfy { $0.geometry() != nil })
        let series = try dataset.layer(named: "series")
        #expect(series.featureCount == 4 * 5)
        #expect(series.fields.map(\.name).joined(separator: ",") == Self.rowsHeader)
        // ogrinfo, as a GIS user would see it.
        let info = try VerdantBinary.run(executable: "/usr/bin/ogrinfo", ["-so", "-al", out])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("Layer name: parcels") && info.stdout.contains("Layer name: series"))
        #expect(info.stdout.contains("Feature Count: 20"))
        let summaryLayer = try VectorDataset.open(summary).layer(named: "parcels")
        #expect(summaryLayer.featureCount == 4)
        #expect(summaryLayer.fields.map(\.name).joined(separator: ",") == Self.summaryHeader)
    }

    /// A one-date series' row equals the `estimate` CSV's row in every column they share, as text.
    @Test func aOneDateSeriesEqualsEstimate() throws {
        let s = try SeriesFixture(dateCount: 1)
        defer { s.folder.remove() }
        let seriesOut = s.folder.file("series.csv"), estimateOut = s.folder.file("estimate.csv")
        let r = try VerdantBinary.run(s.series(Self.model + ["--out", seriesOut]))
        #expect(r.status == 0, "\(r.stderr)")
        let date = s.dates[0]
        let e = try VerdantBinary.run(
            [
                "estimate", "--band", "red=" + s.folder.file("red-\(date).tif"),
                "--band", "nir=" + s.folder.file("nir-\(date).tif"), "--band",
                "scl=" + s.folder.file("scl-\(date).tif"),
                "--scale", "1", "--parcels", s.parcelsPath, "--id-field", "name", "--out", estimateOut
            ] + Self.model)
        #expect(e.status == 0, "\(e.stderr)")
        let series = SeriesFixture.table(try String(contentsOfFile: seriesOut, encoding: .utf8))
        let estimate = SeriesFixture.table(try String(contentsOfFile: estimateOut, encoding: .utf8))
        let shared = series.header.filter { $0 != "date" && estimate.header.contains($0) }
        #expect(shared.count == series.header.count - 1, "every column but date is an estimate column")
        #expect(series.rows.count == estimate.rows.count)
        for (a, b) in zip(series.rows, estimate.rows) {
            #expect(a["date"] == date)
            for c in shared { #expect(a[c] == b[c], "\(a["parcel_id"]!) \(c): series \(a[c]!), estimate \(b[c]!)") }
        }
    }

    /// A date whose files (no nodata value) cover only the western half of the grid: the eastern parcels are
    /// unobserved on it, not observed as zeros, in the series and in the composite's count.
    @Test func aDateCoveringPartOfTheGridLeavesTheRestUnobserved() throws {
        let s = try SeriesFixture(dateCount: 2)
        defer { s.folder.remove() }
        let f = s.folder
        try RasterFixture.write(
            f.file("red-west.tif"), width: 4, height: 8, type: .float32, bands: [[Double](repeating: 0.1, count: 32)])
        try RasterFixture.write(
            f.file("nir-west.tif"), width: 4, height: 8, type: .float32, bands: [[Double](repeating: 0.3, count: 32)])
        try
            "date,red,nir\n\(s.dates[0]),red-\(s.dates[0]).tif,nir-\(s.dates[0]).tif\n2020-03-01,red-west.tif,nir-west.tif\n"
            .write(toFile: s.datesCSV, atomically: true, encoding: .utf8)
        let r = try VerdantBinary.run(s.series(["--out", "-"]))
        #expect(r.status == 0, "\(r.stderr)")
        for row in SeriesFixture.table(r.stdout).rows where row["date"] == "2020-03-01" {
            let west = ["stable", "cleared"].contains(row["parcel_id"]!)
            #expect(Double(row["observed_ha"]!) == (west ? 0.16 : 0), "\(row)")
            #expect(Double(row["nodata_fraction"]!) == (west ? 0 : 1), "\(row)")
            if west {
                #expect(abs((Double(row["mean_ndvi"]!) ?? 0) - 0.5) < 1e-6, "\(row)")
            } else {
                #expect(row["mean_ndvi"] == "", "\(row)")
            }
        }
        let count = f.file("n.tif")
        let c = try VerdantBinary.run(
            ["composite", "--dates", s.datesCSV, "--scale", "1", "--method", "mean", "--out", f.file("c.tif")]
                + ["--count-out", count, "--quiet"])
        #expect(c.status == 0, "\(c.stderr)")
        let n = try Dataset.open(count).band(1).readAll(as: UInt16.self)
        #expect(n[0] == 2 && n[7] == 1, "west: both dates; east: the first only")
    }

    /// `-` prints a table as CSV on standard output (as `estimate --out -`), never a file named `-`.
    @Test func aDashPrintsATableOnStandardOutput() throws {
        let s = try SeriesFixture(dateCount: 3)
        defer { s.folder.remove() }
        let out = s.folder.file("series.csv"), summary = s.folder.file("parcels.csv")
        let files = try VerdantBinary.run(s.series(["--out", out, "--summary-out", summary, "--quiet"]))
        #expect(files.status == 0, "\(files.stderr)")
        let rows = try VerdantBinary.run(s.series(["--out", "-"]), in: s.folder.path)
        #expect(rows.status == 0, "\(rows.stderr)")
        #expect(rows.stdout == (try String(contentsOfFile: out, encoding: .utf8)))
        let parcels = try VerdantBinary.run(
            s.series(["--out", s.folder.file("again.csv"), "--summary-out", "-"]), in: s.folder.path)
        #expect(parcels.status == 0, "\(parcels.stderr)")
        #expect(parcels.stdout == (try String(contentsOfFile: summary, encoding: .utf8)))
        #expect(!FileManager.default.fileExists(atPath: s.folder.file("-")))
        let both = try VerdantBinary.run(s.series(["--out", "-", "--json"]), in: s.folder.path)
        #expect(both.status == 1 && both.stderr.contains("--json"), "\(both.stderr)")
        #expect(both.stdout.isEmpty && !FileManager.default.fileExists(atPath: s.folder.file("-")))
    }

    @Test func existingOutputsAreRefusedWithoutForce() throws {
        let s = try SeriesFixture(dateCount: 2)
        defer { s.folder.remove() }
        let out = s.folder.file("series.csv")
        try "keep".write(toFile: out, atomically: true, encoding: .utf8)
        let r = try VerdantBinary.run(s.series(["--out", out]))
        #expect(r.status == 2 && r.stderr.contains("series.csv"), "\(r.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep")
        let forced = try VerdantBinary.run(s.series(["--out", out, "--force", "--quiet"]))
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("parcel_id,date,"))
    }

    /// Writes the fixture into the case's folder and changes its dates table with `edit` (the CSV's lines).
    static func edited(
        _ f: TemporaryFolder, dateCount: Int = 3, _ edit: (inout [String]) throws -> Void = { _ in }
    ) throws -> SeriesFixture {
        let s = try SeriesFixture(dateCount: dateCount, in: f)
        var lines = try String(contentsOfFile: s.datesCSV, encoding: .utf8).split(separator: "\n").map(String.init)
        try edit(&lines)
        try (lines.joined(separator: "\n") + "\n").write(toFile: s.datesCSV, atomically: true, encoding: .utf8)
        return s
    }

    static let badInput: [CLICase] = [
        CLICase(
            name: "a dates row naming a missing file",
            arguments: { f in
                let s = try edited(f) { $0[2] = $0[2].replacingOccurrences(of: "red-", with: "gone-") }
                return s.series(["--out", f.file("series.csv"), "--summary-out", f.file("parcels.csv")])
            }, status: 2, mentions: ["dates.csv", "row 3", "gone-2020-02-15.tif"]),
        CLICase(
            name: "an unknown column",
            arguments: { f in
                let s = try edited(f) { lines in
                    lines = lines.enumerated().map { $0 == 0 ? $1 + ",cloudcover" : $1 + ",3" }
                }
                return s.series(["--out", f.file("series.csv")])
            }, status: 2, mentions: ["dates.csv", "unknown column 'cloudcover'"]),
        CLICase(
            name: "an unparsable date",
            arguments: { f in
                let s = try edited(f) { $0[3] = $0[3].replacingOccurrences(of: "2020-03-15,", with: "2020-13-15,") }
                return s.series(["--out", f.file("series.csv")])
            }, status: 2, mentions: ["dates.csv", "row 4", "2020-13-15"]),
        CLICase(
            name: "two rows of one date in different CRSs",
            arguments: { f in
                let s = try edited(f)
                // A second tile of the first date, in another UTM zone: it cannot be mosaicked with the first.
                for role in ["red", "nir", "scl"] {
                    try RasterFixture.write(
                        f.file("\(role)-east.tif"), width: 8, height: 8, type: role == "scl" ? .byte : .float32,
                        bands: [[Double](repeating: role == "scl" ? 4 : 0.1, count: 64)], epsg: 32648)
                }
                var lines = try String(contentsOfFile: s.datesCSV, encoding: .utf8)
                lines += "\(s.dates[0]),red-east.tif,nir-east.tif,scl-east.tif\n"
                try lines.write(toFile: s.datesCSV, atomically: true, encoding: .utf8)
                return s.series(["--out", f.file("series.csv")])
            }, status: 2, mentions: ["dates.csv", "rows 2, 5", "-east.tif", "share a CRS"]),
        CLICase(
            name: "a baseline that holds no date",
            arguments: { f in
                try edited(f).series(["--out", f.file("series.csv"), "--baseline", "2019-01-01/2019-12-31"])
            }, status: 1, mentions: ["--baseline", "2019-01-01/2019-12-31", "holds none"]),
        CLICase(
            name: "a baseline that is not FROM/TO",
            arguments: { f in try edited(f).series(["--out", f.file("series.csv"), "--baseline", "2020"]) },
            status: 1, mentions: ["--baseline", "FROM/TO"]),
        CLICase(
            name: "--dates and --stac together",
            arguments: { f in
                let s = try edited(f)
                try "{}".write(toFile: f.file("items.json"), atomically: true, encoding: .utf8)
                return s.series(["--stac", f.file("items.json"), "--out", f.file("series.csv")])
            }, status: 1, mentions: ["--dates", "--stac"]),
        CLICase(
            name: "neither --dates nor --stac",
            arguments: { f in
                _ = try edited(f)
                return ["series", "--parcels", f.file("parcels.geojson"), "--out", f.file("series.csv")]
            }, status: 1, mentions: ["--dates", "--stac"]),
        CLICase(
            name: "a series written as GeoJSON",
            arguments: { f in try edited(f).series(["--out", f.file("series.geojson")]) },
            status: 1, mentions: ["series.geojson", ".csv, .json or .gpkg"]),
        CLICase(
            name: "a summary written as GeoJSON",
            arguments: { f in
                try edited(f).series(["--out", f.file("series.csv"), "--summary-out", f.file("parcels.geojson")])
            }, status: 1, mentions: ["parcels.geojson", "--summary-out"]),
        CLICase(
            name: "a later date naming a missing file, with a report",
            arguments: { f in
                let s = try edited(f) { $0[3] = $0[3].replacingOccurrences(of: "nir-", with: "none-") }
                return s.series(["--out", f.file("series.csv"), "--report", f.file("r.html")])
            }, status: 2, mentions: ["dates.csv", "row 4", "none-2020-03-15.tif"])
    ]

    @Test(arguments: badInput)
    func badInputIsOneLineNamingTheFileAndLeavesNoOutput(_ c: CLICase) throws {
        try c.check { Issue.record(Comment(rawValue: $0)) }
    }
}
