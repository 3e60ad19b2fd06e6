import Foundation
import GDALKit
import Testing
import TestSupport

@Suite struct ReportsAndExitCodesTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")
    static let base = [
        "estimate", "--sensor", "sentinel2-l2a", "--raster", stack, "--band",
        "scl=\(ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif"))",
        "--parcels", parcels, "--id-field", "parcel_id", "--model", "linear:-30,250"
    ]

    @Test func htmlReportHoldsEveryRowAndTheTotalsAndNothingExternal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run(
            Self.base + [
                "--out", folder.file("p.csv"), "--report", folder.file("r.html"),
                "--summary", folder.file("s.md"), "--json"
            ])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: folder.file("r.html"), encoding: .utf8)
        let csv = try String(contentsOfFile: folder.file("p.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        for line in csv { #expect(html.contains("<td>\(line.split(separator: ",")[0])</td>")) }
        #expect(html.contains("not issued or verified carbon credits"))
        #expect(
            !html.contains("http://") && !html.contains("https://") && !html.contains("src=\"/")
                && !html.contains("<link"))
        let summary = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let totals = summary["totals"] as! [String: Any]
        let co2e = totals["co2e_t"] as! Double
        // Whole tonnes with thousands separators (the sample's total is over 1,000 t).
        let digits = Array(String(format: "%.0f", co2e))
        let grouped = digits.enumerated().map { i, d in (i > 0 && (digits.count - i) % 3 == 0 ? "," : "") + String(d) }
        #expect(co2e > 1000 && html.contains(grouped.joined()), "the HTML shows the CSV's total CO2e, for reading")
        let agbSum = csv.map { Double($0.split(separator: ",", omittingEmptySubsequences: false)[7])! }.reduce(0, +)
        #expect(abs(agbSum - (totals["agb_t"] as! Double)) < 1e-6)
        #expect(summary["exit_code"] as? Int == 0)
        #expect((summary["low_observed_parcels"] as? [String]) == ["P05"])
        let md = try String(contentsOfFile: folder.file("s.md"), encoding: .utf8)
        #expect(md.contains("| CO2e (t) | \(String(format: "%.3f", co2e)) |"))
    }

    @Test func existingOutputsNeedForce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "old".write(toFile: folder.file("p.csv"), atomically: true, encoding: .utf8)
        let refused = try VerdantBinary.run(Self.base + ["--out", folder.file("p.csv")])
        #expect(refused.status == 2 && refused.stderr.contains("exists already; use --force"))
        #expect(try String(contentsOfFile: folder.file("p.csv"), encoding: .utf8) == "old")
        let forced = try VerdantBinary.run(Self.base + ["--out", folder.file("p.csv"), "--force", "--quiet"])
        #expect(forced.status == 0 && forced.stdout.isEmpty)
        #expect(try String(contentsOfFile: folder.file("p.csv"), encoding: .utf8).hasPrefix("parcel_id,"))
    }

    @Test func failOnUnobservedExitsThreeWithTheReportWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run(Self.base + ["--out", folder.file("p.csv"), "--fail-on-unobserved", "0.02"])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("partial result") && r.stderr.contains("--fail-on-unobserved"))
        #expect(FileManager.default.fileExists(atPath: folder.file("p.csv")))
        let ok = try VerdantBinary.run(Self.base + ["--out", folder.file("q.csv"), "--fail-on-unobserved", "0.5"])
        #expect(ok.status == 0)
    }

    @Test func aParcelThatFailsIsFlaggedAndExitsThree() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A line among polygons has no area: its row is kept, flagged, and the run is partial.
        try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:4326",
            features: [
                .init(
                    properties: [("parcel_id", "\"ok\"")],
                    polygons: [[VectorFixture.rect(99.93, 14.45, 99.935, 14.455)]]),
                .init(
                    properties: [("parcel_id", "\"bad\"")],
                    geometryJSON: "{\"type\": \"LineString\", \"coordinates\": [[99.93, 14.45], [99.94, 14.46]]}")
            ])
        let r = try VerdantBinary.run([
            "estimate", "--raster", Self.stack, "--red", "B04", "--nir", "B08", "--scale", "1", "--parcels",
            folder.file("p.geojson"),
            "--id-field", "parcel_id", "--model", "linear:0,100", "--out", folder.file("o.csv")
        ])
        #expect(r.status == 3, "\(r.stderr)")
        let csv = try String(contentsOfFile: folder.file("o.csv"), encoding: .utf8)
        #expect(csv.contains("bad,") && csv.contains("failed: geometry is a LINESTRING, not a polygon"), "\(csv)")
        #expect(r.stderr.contains("1 parcel(s) failed: bad"))
    }

    @Test func progressLinesWhenNotATerminal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run([
            "map", "--raster", Self.stack, "--red", "B04", "--nir", "B08", "--scale", "1", "--model", "linear:0,1",
            "--tile-size", "128",
            "--carbon-out", folder.file("c.tif")
        ])
        #expect(r.status == 0)
        #expect(r.stderr.contains("verdant: map: 12/12 tiles (100%)"))
        let e = try VerdantBinary.run(Self.base + ["--out", folder.file("e.csv")])
        #expect(
            e.stderr.contains("verdant: estimate parcels: 9/9 parcels (100%)")
                && e.stderr.contains("verdant: estimate: "))
        let quiet = try VerdantBinary.run([
            "map", "--raster", Self.stack, "--red", "B04", "--nir", "B08", "--scale", "1", "--model", "linear:0,1",
            "--quiet"
        ])
        #expect(quiet.stderr.isEmpty && quiet.stdout.isEmpty)
        // Carbon density: AGB × (1 + R) × CF × 44/12 per cell.
        let agb = try VerdantBinary.run([
            "map", "--raster", Self.stack, "--red", "B04", "--nir", "B08", "--scale", "1", "--model", "linear:0,1",
            "--agb-out", folder.file("a.tif"), "--quiet"
        ])
        #expect(agb.status == 0)
        let a = try Dataset.open(folder.file("a.tif")).band(1).readAll(as: Float.self)
        let c = try Dataset.open(folder.file("c.tif")).band(1).readAll(as: Float.self)
        for i in stride(from: 0, to: a.count, by: 1013) where !a[i].isNaN {
            #expect(abs(Double(c[i]) - Double(a[i]) * 0.47 * 44 / 12) < 1e-5)
        }
    }

    @Test func levelsAndBadLevel() throws {
        let r = try VerdantBinary.run([
            "map", "--raster", Self.stack, "--red", "B04", "--nir", "B08", "--scale", "1", "--log-level", "loud"
        ])
        #expect(r.status == 1 && r.stderr.contains("--log-level"))
        let e = try VerdantBinary.run([
            "map", "--raster", Self.stack, "--red", "B04", "--nir", "B08", "--scale", "1", "--log-level", "error"
        ])
        #expect(e.status == 0 && !e.stderr.contains("warning"))
    }
}

/// The quicklook PNG opens, has the expected size, transparent masked cells, and a legend range that matches the data.
@Suite struct QuicklookTests {
    @Test func quicklookOfAMapAndOfAnEstimate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run([
            "map", "--sensor", "sentinel2-l2a", "--raster", ProjectRoot.sample("sentinel2_l2a_stack.tif"),
            "--band", "scl=\(ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif"))", "--model", "linear:-30,250",
            "--ndvi-out", folder.file("ndvi.tif"), "--quicklook", folder.file("q.png"),
            "--parcels", ProjectRoot.sample("sentinel2_parcels.geojson"), "--quiet"
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let png = try Dataset.open(folder.file("q.png"))
        #expect(png.driverName == "PNG" && png.width == 400 && png.height == 300 + 70 && png.bandCount == 4)
        let ndvi = try Dataset.open(folder.file("ndvi.tif")).band(1).readAll(as: Float.self).filter(\.isFinite)
        #expect(Double(png.metadataItem("legend_min") ?? "") == Double(ndvi.min()!))
        #expect(Double(png.metadataItem("legend_max") ?? "") == Double(ndvi.max()!))
        // The cloud (SCL 8/9) near (3000 m, 2300 m) is transparent; forest at (900 m, 700 m) is opaque.
        let alpha = try png.band(4).readAll(as: UInt8.self)
        #expect(alpha[230 * 400 + 300] == 0)
        #expect(alpha[70 * 400 + 90] == 255)
        #expect(alpha[(300 + 20) * 400 + 5] == 255, "the legend margin is opaque")

        let e = try VerdantBinary.run([
            "estimate", "--raster", ProjectRoot.sample("sentinel2_l2a_stack.tif"), "--red", "B04", "--nir", "B08",
            "--scale", "1",
            "--parcels", ProjectRoot.sample("sentinel2_parcels.geojson"), "--model", "linear:0,100",
            "--out", folder.file("p.csv"), "--quicklook", folder.file("e.png"), "--report", folder.file("r.html"),
            "--quiet"
        ])
        #expect(e.status == 0, "\(e.stderr)")
        #expect(try Dataset.open(folder.file("e.png")).width == 400)
        #expect(try String(contentsOfFile: folder.file("r.html"), encoding: .utf8).contains("data:image/png;base64,"))
        #expect(folder.contents().sorted() == ["e.png", "ndvi.qml", "ndvi.tif", "p.csv", "p.csvt", "q.png", "r.html"])
    }
}
