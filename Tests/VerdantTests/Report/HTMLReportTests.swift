import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// The HTML report: a page for reading and printing, holding only what the run did.
struct HTMLReportTests {
    static func estimate() throws -> EstimateReport {
        var request = EstimateJobTests.request()
        request.ndviPictureSize = 1200
        return try EstimateJob.run(request)
    }

    @Test func aPageForPhonesAndPrintWithNothingExternal() throws {
        let report = try Self.estimate()
        let html = try HTMLReport.html(
            report, heading: ReportHeading(title: "Doi Inthanon <pilot>", site: "Chiang Mai", author: "A. Analyst"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<title>Doi Inthanon &lt;pilot&gt;</title>") && html.contains("Site: Chiang Mai"))
        #expect(html.contains("Prepared by A. Analyst"))
        #expect(html.contains("@page{size:A4 landscape") && html.contains("counter(pages)"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"))
        #expect(!html.contains("src=\""), "every picture is inline (the map's PNG is a data URI in SVG)")
    }

    @Test func tableHasUnitsTotalsAndNoEmptyColumns() throws {
        let report = try Self.estimate()
        let html = try HTMLReport.html(report)
        // Headings: label, unit, column name.
        #expect(html.contains("<span class=\"l\">CO2e</span> <span class=\"u\">tCO2e</span><code>co2e_t</code>"))
        #expect(html.contains("Total (\(report.rows.count) parcels)"))
        #expect(html.contains(HTMLText.magnitude(report.totals.co2eT)))
        // The model has no uncertainty: the interval columns are empty, so they are left out and named.
        #expect(report.rows.allSatisfy { $0.interval == nil })
        let table = try #require(html.range(of: "<table id=\"parcels\"")).lowerBound
        let tableEnd = try #require(html.range(of: "</table>", range: table..<html.endIndex)).upperBound
        let wide = html[table..<tableEnd]
        #expect(!wide.contains("co2e_t_lo90") && !wide.contains("uncertainty_pct"))
        #expect(html.contains("left out here") && html.contains("<code>co2e_t_lo90</code>"))
        // A row per parcel in the wide table, and a card per parcel for print.
        #expect(wide.components(separatedBy: "<tr data-i=").count - 1 == report.rows.count)
        #expect(html.components(separatedBy: "<section class=\"card\">").count - 1 == report.rows.count)
    }

    @Test func onlyWhatTheRunDid() throws {
        let report = try Self.estimate()
        let html = try HTMLReport.html(report)
        // No quality layer in this run: only the bands' nodata is applied, and no quality mask is claimed.
        #expect(report.metadata.masksApplied == ["red nodata 0.0 excluded", "nir nodata 0.0 excluded"])
        #expect(!html.contains("SCL") && !html.contains("QA_PIXEL"))
        #expect(html.contains("masks applied: red nodata 0.0 excluded; nir nodata 0.0 excluded</li>"))
        #expect(html.contains("reflectance = value × 0.0001 + -0.1"))
        var warned = report
        warned.metadata.warnings = ["red and NIR look swapped"]
        #expect(try HTMLReport.html(warned).contains("<li>red and NIR look swapped</li>"))
    }

    @Test func mapChartsAndParcels() throws {
        let report = try Self.estimate()
        let html = try HTMLReport.html(report)
        #expect(html.contains("<svg id=\"map\""))
        #expect(html.components(separatedBy: "<path data-i=").count - 1 == report.rows.count, "every parcel outlined")
        for r in report.rows { #expect(html.contains(">\(r.parcelID)</text>"), "label of \(r.parcelID)") }
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 3)
        #expect(html.contains("<dialog id=\"detail\">"))
        // The first parcel's outline starts at its first vertex, in picture cells.
        let picture = try #require(report.ndviPicture)
        let g = picture.geoTransform.coefficients, first = report.parcels.parcels[0].geometry.polygons[0].exterior[0]
        let start = String(format: "M%.2f %.2f", (first.x - g[0]) / g[1], (first.y - g[3]) / g[5])
        #expect(html.contains("<path data-i=\"0\" d=\"\(start)L"), "\(start)")
        // The scale bar is a round length.
        #expect(html.contains(" m</text>") || html.contains(" km</text>"))
    }

    @Test func withoutAPictureThereIsNoMap() throws {
        var report = try Self.estimate()
        report.ndviPicture = nil
        let html = try HTMLReport.html(report)
        #expect(!html.contains("<svg id=\"map\"") && html.contains("<table id=\"parcels\""))
    }
}
