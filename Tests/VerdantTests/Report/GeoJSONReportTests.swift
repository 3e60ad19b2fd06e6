import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// The GeoJSON output reads back through OGR as the OGR-written output does: same fields and types, same values,
/// same geometries, same CRS.
@Suite struct GeoJSONReportTests {
    @Test func readsBackAsOGRsOwnOutput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let report = try ReportWriterTests.report()
        let text = try #require(GeoJSONReport.text(report))
        try text.write(toFile: folder.file("ours.geojson"), atomically: true, encoding: .utf8)
        try VectorReport.write(report, to: folder.file("ogr.geojson"), format: .geojson)
        let ours = try VectorDataset.open(folder.file("ours.geojson")).layer(at: 0)
        let theirs = try VectorDataset.open(folder.file("ogr.geojson")).layer(at: 0)
        #expect(ours.fields == theirs.fields)
        #expect(ours.name == theirs.name)
        let a = try #require(ours.spatialReference), b = try #require(theirs.spatialReference)
        #expect(a.isSame(as: b))
        let fa = try ours.features(), fb = try theirs.features()
        #expect(fa.count == report.rows.count && fb.count == fa.count)
        for (x, y) in zip(fa, fb) {
            #expect(x.values == y.values)
            // OGR rounds coordinates to 9 decimals; Verdant writes them exactly (the parcels' own WKB).
            let gx = try #require(x.geometry()), gy = try #require(y.geometry())
            #expect(gx.typeName == gy.typeName)
            #expect(abs(gx.area - gy.area) <= 1e-9 * max(gx.area, 1e-12))
        }
        // Exactly the source coordinates.
        let first = try #require(fa.first?.geometry())
        let source = try Geometry(wkb: report.parcels.parcels[0].sourceWKB).multiPolygon()
        #expect(first.wkb == source.wkb)
    }

    @Test func stringsAndNumbersAreEscapedAndExact() {
        var text = ""
        JSONValue.appendString("a \"b\" \\ c\nd\u{2} é", to: &text)
        #expect(text == #""a \"b\" \\ c\nd\u0002 é""#)
        var g = ""
        #expect(GeoJSONReport.geometry(WKBWriter.polygon([[0, 0, 1, 0, 1, 1, 0, 0.1 + 0.2]]), into: &g))
        #expect(g.contains("0.30000000000000004") && g.hasPrefix("{ \"type\": \"MultiPolygon\""))
        var none = ""
        #expect(GeoJSONReport.geometry([], into: &none) && none == "null")
        var point = ""
        #expect(!GeoJSONReport.geometry(try! Geometry(wkt: "POINT (1 2)").wkb, into: &point))
    }
}
