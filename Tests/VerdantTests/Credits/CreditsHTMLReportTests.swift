import Foundation
import Testing
import TestSupport
import Verdant

/// The credits report: the waterfall from stock change to net removals, and the table with units and totals.
struct CreditsHTMLReportTests {
    @Test func waterfallAndTable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let report = try CreditsJobTests.growth(folder).report
        let html = CreditsHTMLReport.html(report, heading: ReportHeading(title: "Mangrove pilot"))
        let t = report.total
        #expect(html.contains("<title>Mangrove pilot</title>") && html.contains("name=\"viewport\""))
        // Each step of the waterfall with its signed value, and the net removals as its last bar.
        #expect(html.contains(">\(HTMLText.magnitude(t.projectChange)) tCO2e</text>"))
        #expect(html.contains(">\(HTMLText.magnitude(-t.baselineChange)) tCO2e</text>"))
        #expect(html.contains(">\(HTMLText.magnitude(-t.leakage)) tCO2e</text>"))
        #expect(html.contains(">\(HTMLText.magnitude(-t.buffer)) tCO2e</text>"))
        #expect(html.contains(">\(HTMLText.magnitude(t.netRemovals)) tCO2e</text>"))
        // The steps add up to the net removals (what the waterfall draws).
        let sum = t.projectChange - t.projectDeduction - t.baselineChange - t.leakage - t.buffer
        #expect(abs(sum - t.netRemovals) < 1e-9)
        for name in CreditsReportWriter.columns { #expect(html.contains("<code>\(name)</code>"), "column \(name)") }
        #expect(html.contains("Total (\(report.rows.count) parcels)"))
        #expect(html.contains(CreditsReport.label) && !html.contains("http"))
    }
}
