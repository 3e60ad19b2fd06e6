import Foundation
import Testing
import TestSupport

/// The sample's report as people see it: rendered by headless Chromium at 1280 and 390 px and printed to PDF.
@Suite(
    .enabled(
        if: Browser.available, "needs Chromium and pdftotext (Debian: chromium, poppler-utils; .ci/run installs them)"))
struct ReportInBrowserTests {
    static let sample = [
        "estimate", "--sensor", "sentinel2-l2a", "--raster", ProjectRoot.sample("sentinel2_l2a_stack.tif"),
        "--band", "scl=\(ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif"))",
        "--parcels", ProjectRoot.sample("sentinel2_parcels.geojson"), "--id-field", "parcel_id",
        "--model", "linear:-30,250", "--title", "Sample project", "--site", "Sample site", "--author", "Verdant tests",
        "--quiet"
    ]

    @Test func thePDFHoldsEveryColumnAndEveryParcel() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run(
            Self.sample + [
                "--out", folder.file("p.csv"), "--report", folder.file("r.html"), "--pdf", folder.file("r.pdf")
            ])
        #expect(r.status == 0, "\(r.stderr)")
        let pdf = try #require(FileManager.default.contents(atPath: folder.file("r.pdf")))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let text = try Browser.text(ofPDF: folder.file("r.pdf"))
        let csv = try String(contentsOfFile: folder.file("p.csv"), encoding: .utf8).split(separator: "\n")
        let columns = csv[0].split(separator: ",").map(String.init)
        #expect(columns.count > 20)
        for c in columns { #expect(text.contains(c), "column \(c) is in the PDF") }
        for line in csv.dropFirst() {
            let id = String(line.split(separator: ",")[0])
            #expect(text.contains(id), "parcel \(id) is in the PDF")
        }
        #expect(text.contains("Sample project") && text.contains("Page 1 of"))
        // The PDF is the HTML printed: the same text the browser test prints from the report file.
        try Browser.printToPDF(folder.file("r.html"), to: folder.file("again.pdf"), in: folder.path)
        #expect(try Browser.text(ofPDF: folder.file("again.pdf")) == text)
    }

    @Test func noHorizontalOverflowOnAPhoneAndABigMapOnADesktop() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run(Self.sample + ["--out", folder.file("p.csv"), "--report", folder.file("r.html")])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: folder.file("r.html"), encoding: .utf8)
        let phone = try Browser.measure(html: html, width: 390, element: "map", in: folder.path)
        #expect(phone.viewport == 390)
        #expect(phone.scrollWidth <= phone.viewport, "the page does not scroll sideways at 390 px: \(phone)")
        #expect(phone.element > 300, "the map fills the phone's width: \(phone)")
        let desktop = try Browser.measure(html: html, width: 1280, element: "map", in: folder.path)
        #expect(desktop.scrollWidth <= desktop.viewport, "\(desktop)")
        #expect(desktop.element >= 1000, "the map is drawn at least 1,000 px wide: \(desktop)")
    }

    @Test func aClickOnARowOpensTheParcelWithItsOwnMapAndAHeadingSortsTheTable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run(Self.sample + ["--out", folder.file("p.csv"), "--report", folder.file("r.html")])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: folder.file("r.html"), encoding: .utf8)
        // The user clicks the third row: the dialog opens on that parcel, its map framed on the parcel's outline.
        let click = try Browser.evaluate(
            html: html,
            script: """
                var t=document.getElementById('parcels'),row=t.tBodies[0].rows[2];row.cells[0].click();
                var d=document.getElementById('detail'),s=d.querySelector('svg'),sel=s?s.querySelector('path.sel'):null;
                [d.open,d.querySelector('h3').textContent,row.cells[0].textContent,row.dataset.i,
                 sel?sel.getAttribute('data-i'):'',s?s.getAttribute('viewBox'):'',
                 document.getElementById('map').getAttribute('viewBox'),d.querySelectorAll('dl > div').length].join('|')
                """, in: folder.path)
        let parts = click.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 8, "\(click)")
        #expect(parts[0] == "true", "the dialog is open: \(click)")
        #expect(parts[1] == parts[2] && !parts[1].isEmpty, "the dialog is the clicked parcel's: \(click)")
        #expect(parts[4] == parts[3], "its outline is the one highlighted: \(click)")
        #expect(!parts[5].isEmpty && parts[5] != parts[6], "its map is framed on the parcel: \(click)")
        #expect(Int(parts[7]) ?? 0 >= 10, "its figures are listed: \(click)")
        // A click on the CO2e heading sorts the rows by CO2e, ascending, and a second click descending.
        let sort = try Browser.evaluate(
            html: html,
            script: """
                var t=document.getElementById('parcels'),heads=Array.from(t.tHead.rows[0].cells);
                var k=heads.findIndex(function(h){var c=h.querySelector('code');return c&&c.textContent==='co2e_t'});
                function values(){return Array.from(t.tBodies[0].rows).map(function(r){return r.cells[k].dataset.v}).join(',')}
                heads[k].click();var up=values();heads[k].click();[k,up,values()].join('|')
                """, in: folder.path)
        let sorted = sort.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        try #require(sorted.count == 3 && Int(sorted[0]) ?? -1 > 0, "\(sort)")
        let up = sorted[1].split(separator: ",").compactMap { Double($0) }
        let down = sorted[2].split(separator: ",").compactMap { Double($0) }
        #expect(up.count > 5 && up == up.sorted(), "ascending: \(up)")
        #expect(down == up.reversed(), "then descending: \(down)")
    }

    @Test func withoutChromiumThePDFIsAClearErrorBeforeAnyWork() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run(
            executable: "/usr/bin/env",
            ["VERDANT_CHROMIUM=\(folder.file("no-chromium"))", VerdantBinary.path]
                + Self.sample + ["--out", folder.file("p.csv"), "--pdf", folder.file("r.pdf")])
        #expect(r.status == 1, "a usage error")
        #expect(r.stderr.contains("VERDANT_CHROMIUM") && r.stderr.contains("not an executable"), "\(r.stderr)")
        #expect(folder.contents().isEmpty, "nothing written: \(folder.contents())")
        // No Chromium on the PATH: the error says what to install.
        let none = try VerdantBinary.run(
            executable: "/usr/bin/env",
            ["PATH=\(folder.path)", VerdantBinary.path] + Self.sample + [
                "--out", folder.file("p.csv"), "--pdf", folder.file("r.pdf")
            ])
        #expect(none.status == 1)
        #expect(
            none.stderr.contains("--pdf needs headless Chromium") && none.stderr.contains("apt-get install chromium"))
        #expect(folder.contents().isEmpty)
    }
}
