import Foundation
import GDALKit
import Testing
import TestSupport

/// `verdant composite` from the command line: a median COG whose bands are named by role and read back by
/// `estimate`, the count raster, `--from/--to`, bad methods and existing outputs.
@Suite struct CompositeCommandTests {
    /// `verdant composite` over the fixture's dates with `--scale 1`.
    static func composite(_ s: SeriesFixture, _ extra: [String]) -> [String] {
        ["composite", "--dates", s.datesCSV, "--scale", "1"] + extra
    }

    /// The median of `values` (the mean of the two middle ones for an even count).
    static func median(_ values: [Double]) -> Double {
        let v = values.sorted(), n = v.count
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
    }

    @Test func aMedianIsACOGOfRoleBandsAndTheIndexThatEstimateReadsBack() throws {
        let s = try SeriesFixture(dateCount: 16)
        defer { s.folder.remove() }
        let out = s.folder.file("composite.tif"), count = s.folder.file("count.tif")
        let r = try VerdantBinary.run(
            Self.composite(s, ["--method", "median", "--out", out, "--count-out", count, "--json"]))
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        try JSONOutputSchemaTests.check("composite-summary.schema.json", text: r.stdout)
        #expect(summary["schema"] as? String == "verdant-composite-summary/1")
        #expect(summary["bands"] as? [String] == ["red", "nir", "ndvi"])
        #expect(summary["dates"] as? [String] == s.dates)
        #expect(summary["cells"] as? Int == 64 && summary["observed_cells"] as? Int == 64)

        let ds = try Dataset.open(out)
        #expect(try ds.bands().map(\.bandDescription) == ["red", "nir", "ndvi"])
        #expect(ds.metadata(domain: "IMAGE_STRUCTURE")["LAYOUT"] == "COG")
        let red = try ds.band(1).readAll(as: Float.self), ndvi = try ds.band(3).readAll(as: Float.self)
        for p in 0..<4 {
            let cell = (p / 2) * 32 + (p % 2) * 4  // the top-left cell of the parcel's quadrant
            let dates = (0..<16).filter { p != 3 || !SeriesFixture.cloudyIndices.contains($0) }
            let ndvis = dates.map { SeriesFixture.ndvi(parcel: p, date: $0) }
            let reds = ndvis.map { Double(Float(SeriesFixture.nir * (1 - $0) / (1 + $0))) }
            #expect(abs(Double(red[cell]) - Self.median(reds)) < 1e-6, "red of \(SeriesFixture.parcels[p])")
            #expect(abs(Double(ndvi[cell]) - Self.median(ndvis)) < 1e-5, "ndvi of \(SeriesFixture.parcels[p])")
        }

        let counts = try Dataset.open(count).band(1)
        #expect(counts.dataType == .uInt16)
        let n = try counts.readAll(as: UInt16.self)
        #expect(n[0] == 16, "stable: every date")
        #expect(n[63] == UInt16(16 - SeriesFixture.cloudyIndices.count), "cloudy: its clouded dates left out")

        // `estimate` reads the composite by its band names.
        let e = try VerdantBinary.run([
            "estimate", "--raster", out, "--red", "red", "--nir", "nir", "--scale", "1", "--parcels", s.parcelsPath,
            "--id-field", "name", "--out", "-"
        ])
        #expect(e.status == 0, "\(e.stderr)")
        let rows = SeriesFixture.table(e.stdout).rows
        #expect(rows.map { $0["parcel_id"]! } == SeriesFixture.parcels)
        for (p, row) in rows.enumerated() {
            let cell = (p / 2) * 32 + (p % 2) * 4
            let r = Double(red[cell]), expected = (SeriesFixture.nir - r) / (SeriesFixture.nir + r)
            let got = try #require(Double(row["mean_ndvi"] ?? ""))
            #expect(abs(got - expected) < 1e-6, "\(row["parcel_id"]!): \(got) vs \(expected)")
            #expect(row["observed_ha"] == "0.16")
        }
    }

    @Test func fromAndToRestrictTheDates() throws {
        let s = try SeriesFixture(dateCount: 6)
        defer { s.folder.remove() }
        let out = s.folder.file("c.tif"), count = s.folder.file("n.tif")
        let r = try VerdantBinary.run(
            Self.composite(
                s,
                [
                    "--method", "max", "--from", s.dates[1], "--to", s.dates[3], "--out", out, "--count-out", count,
                    "--json"
                ]))
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(summary["dates"] as? [String] == Array(s.dates[1...3]))
        let n = try Dataset.open(count).band(1).readAll(as: UInt16.self)
        #expect(Set(n) == [3])
        // Nothing between the bounds is a usage error.
        let none = try VerdantBinary.run(
            Self.composite(s, ["--method", "max", "--from", "2030-01-01", "--out", s.folder.file("x.tif")]))
        #expect(none.status == 1 && none.stderr.contains("--from"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: s.folder.file("x.tif")))
    }

    @Test(arguments: ["p101", "foo", "p-5", "median2", ""])
    func aBadMethodIsAOneLineUsageErrorListingTheForms(method: String) throws {
        let s = try SeriesFixture(dateCount: 2)
        defer { s.folder.remove() }
        let before = s.folder.contents()
        let r = try VerdantBinary.run(Self.composite(s, ["--method", method, "--out", s.folder.file("c.tif")]))
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        for form in ["median", "mean", "min", "max", "max-ndvi", "pNN"] {
            #expect(r.stderr.contains(form), "\(form): \(r.stderr)")
        }
        #expect(s.folder.contents() == before)
    }

    @Test func anExistingOutputIsRefusedWithoutForce() throws {
        let s = try SeriesFixture(dateCount: 2)
        defer { s.folder.remove() }
        let out = s.folder.file("c.tif")
        try "keep".write(toFile: out, atomically: true, encoding: .utf8)
        let r = try VerdantBinary.run(Self.composite(s, ["--method", "mean", "--out", out]))
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("c.tif"), "\(r.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep")
        let count = s.folder.file("n.tif")
        try "keep".write(toFile: count, atomically: true, encoding: .utf8)
        let r2 = try VerdantBinary.run(
            Self.composite(s, ["--method", "mean", "--out", s.folder.file("d.tif"), "--count-out", count]))
        #expect(r2.status == 2 && r2.stderr.contains("n.tif"), "\(r2.stderr)")
        #expect(!FileManager.default.fileExists(atPath: s.folder.file("d.tif")), "no composite without its count")
        let forced = try VerdantBinary.run(Self.composite(s, ["--method", "mean", "--out", out, "--force", "--quiet"]))
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Dataset.open(out).bandCount == 3)
    }
}
