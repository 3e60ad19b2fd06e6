import Foundation
import GDALKit
import Testing
import TestSupport

/// `verdant series --stac` with Sentinel-2-like items made in the test: each item's datetime is its date and its
/// `s2:processing_baseline` its own reflectance offset (0 before 04.00, −0.1 from it), as one ItemCollection or as
/// separate item files.
@Suite struct STACSeriesCommandTests {
    /// Red and NIR DN of every item: reflectance 0.2 and 0.5 before baseline 04.00, 0.1 and 0.4 from it.
    static let redDN = 2000.0, nirDN = 5000.0
    /// The items: id, datetime, processing baseline.
    static let items = [
        ("S2B_2021", "2021-06-01T03:30:00Z", "03.01"),
        ("S2A_2022", "2022-06-01T03:30:00Z", "04.00"),
        ("S2A_2023", "2023-06-01T03:30:00Z", "05.09")
    ]

    /// Writes each item's B04, B08 (UInt16 DN) and SCL (vegetation) assets and returns the items' JSON objects;
    /// `datetime: false` leaves `properties.datetime` out of the last item.
    static func write(_ folder: TemporaryFolder, datetime: Bool = true) throws -> [String] {
        var out: [String] = []
        for (i, (id, date, baseline)) in items.enumerated() {
            for (asset, value) in [("B04", redDN), ("B08", nirDN)] {
                try RasterFixture.write(
                    folder.file("\(id)_\(asset).tif"), width: 8, height: 8, type: .uInt16,
                    bands: [[Double](repeating: value, count: 64)], noData: 0)
            }
            try RasterFixture.write(
                folder.file("\(id)_SCL.tif"), width: 8, height: 8, type: .byte,
                bands: [[Double](repeating: 4, count: 64)])
            let time = datetime || i < items.count - 1 ? "\"datetime\": \"\(date)\", " : ""
            out.append(
                """
                {"type": "Feature", "stac_version": "1.0.0", "id": "\(id)",
                 "properties": {\(time)"s2:processing_baseline": "\(baseline)"},
                 "geometry": null,
                 "assets": {"B04": {"href": "\(id)_B04.tif"}, "B08": {"href": "\(id)_B08.tif"},
                            "SCL": {"href": "\(id)_SCL.tif"}}}
                """)
        }
        return out
    }

    /// Writes the items as one ItemCollection.
    static func collection(_ folder: TemporaryFolder, datetime: Bool = true) throws -> String {
        let items = try write(folder, datetime: datetime)
        let path = folder.file("items.json")
        try ("{\"type\": \"FeatureCollection\", \"features\": [\n" + items.joined(separator: ",\n") + "\n]}\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func series(_ folder: TemporaryFolder, stac: [String], out: String) throws -> [String] {
        let parcels = try SeriesFixture.writeParcels(folder.file("parcels.geojson"))
        return ["series"] + stac.flatMap { ["--stac", $0] } + [
            "--sensor", "sentinel2-l2a", "--parcels", parcels, "--id-field", "name", "--out", out
        ]
    }

    @Test func eachDateGetsTheOffsetOfItsProcessingBaseline() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("series.csv")
        let r = try VerdantBinary.run(try Self.series(folder, stac: [try Self.collection(folder)], out: out))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("warning"), "\(r.stderr)")
        let rows = SeriesFixture.table(try String(contentsOfFile: out, encoding: .utf8)).rows
        #expect(rows.count == 4 * 3)
        #expect(Array(rows.prefix(3)).map { $0["date"]! } == Self.items.map(\.1))
        // By hand: 2021 (baseline 03.01, offset 0): red 0.2, NIR 0.5, NDVI 0.3 / 0.7; 2022 and 2023 (04.00 and
        // 05.09, offset −0.1): red 0.1, NIR 0.4, NDVI 0.3 / 0.5.
        let expected = [0.3 / 0.7, 0.6, 0.6]
        for row in rows {
            let d = Self.items.firstIndex { $0.1 == row["date"] }!
            let ndvi = try #require(Double(row["mean_ndvi"] ?? ""))
            #expect(abs(ndvi - expected[d]) < 1e-6, "\(row["parcel_id"]!) \(row["date"]!): \(ndvi)")
            #expect(row["observed_ha"] == "0.16" && row["green_ha"] == "0.16")
        }
        let ndvi = rows.prefix(3).map { Double($0["mean_ndvi"]!)! }
        #expect(abs((ndvi[1] - ndvi[0]) - (0.6 - 0.3 / 0.7)) < 1e-6, "the offset step between 2021 and 2022")
        #expect(ndvi[1] == ndvi[2], "04.00 and 05.09 share the offset")
    }

    @Test func separateItemFilesGiveTheSameSeriesAsTheirCollection() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let collectionOut = folder.file("a.csv"), itemsOut = folder.file("b.csv")
        let a = try VerdantBinary.run(try Self.series(folder, stac: [try Self.collection(folder)], out: collectionOut))
        #expect(a.status == 0, "\(a.stderr)")
        var files: [String] = []
        // Given out of date order: the series is in date order all the same.
        for (i, item) in try Self.write(folder).enumerated().reversed() {
            let path = folder.file("item\(i).json")
            try item.write(toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        let b = try VerdantBinary.run(try Self.series(folder, stac: files, out: itemsOut))
        #expect(b.status == 0, "\(b.stderr)")
        let first = try String(contentsOfFile: collectionOut, encoding: .utf8)
        let second = try String(contentsOfFile: itemsOut, encoding: .utf8)
        #expect(!first.isEmpty && first == second)
    }

    @Test func anItemWithoutADatetimeIsAnErrorNamingTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("series.csv")
        let r = try VerdantBinary.run(
            try Self.series(folder, stac: [try Self.collection(folder, datetime: false)], out: out))
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("items.json") && r.stderr.contains("S2A_2023") && r.stderr.contains("datetime"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// `--processing-baseline` stands in only where an item does not say: the 2021 item keeps its 03.01 offset.
    @Test func aGivenProcessingBaselineDoesNotOverrideTheItems() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let items = try Self.collection(folder)
        let plain = folder.file("a.csv"), given = folder.file("b.csv")
        let a = try VerdantBinary.run(try Self.series(folder, stac: [items], out: plain))
        let b = try VerdantBinary.run(
            try Self.series(folder, stac: [items], out: given) + ["--processing-baseline", "05.09"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        let first = try String(contentsOfFile: plain, encoding: .utf8)
        let second = try String(contentsOfFile: given, encoding: .utf8)
        #expect(!first.isEmpty && first == second)
    }

    /// Dates whose files say nothing of their baseline: the error asks for the series' own flag (`--baseline` is
    /// the seasonal model's period there), and `--processing-baseline` then applies to them.
    @Test func datesWithoutABaselineAskForProcessingBaseline() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (asset, value) in [("B04", Self.redDN), ("B08", Self.nirDN)] {
            try RasterFixture.write(
                folder.file("\(asset).tif"), width: 8, height: 8, type: .uInt16,
                bands: [[Double](repeating: value, count: 64)], noData: 0)
        }
        try "date,red,nir\n2022-06-01,B04.tif,B08.tif\n".write(
            toFile: folder.file("dates.csv"), atomically: true, encoding: .utf8)
        let parcels = try SeriesFixture.writeParcels(folder.file("parcels.geojson"))
        let out = folder.file("series.csv")
        let series = [
            "series", "--dates", folder.file("dates.csv"), "--sensor", "sentinel2-l2a", "--parcels", parcels,
            "--id-field", "name", "--out", out
        ]
        let composite = [
            "composite", "--dates", folder.file("dates.csv"), "--sensor", "sentinel2-l2a", "--method", "median",
            "--out", folder.file("c.tif")
        ]
        for arguments in [series, composite] {
            let r = try VerdantBinary.run(arguments)
            #expect(r.status == 2, "\(r.stderr)")
            #expect(r.stderr.contains("dates.csv") && r.stderr.contains("row 2"), "\(r.stderr)")
            #expect(r.stderr.contains("give --processing-baseline (e.g. 05.09)"), "\(r.stderr)")
        }
        let r = try VerdantBinary.run(series + ["--processing-baseline", "05.09", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(SeriesFixture.table(try String(contentsOfFile: out, encoding: .utf8)).rows.first)
        #expect(abs(try #require(Double(row["mean_ndvi"] ?? "")) - 0.6) < 1e-6, "(DN − 1000) / 10000 from 04.00")
    }
}
