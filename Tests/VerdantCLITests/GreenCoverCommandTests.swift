import Foundation
import GDALKit
import Testing
import TestSupport

/// `--green-threshold` and `map --green-out` from the command line.
@Suite struct GreenCoverCommandTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
    static let mapBase = [
        "map", "--raster", stack, "--red", "B04", "--nir", "B08", "--scale", "0.0001", "--offset", "-0.1"
    ]

    /// The CSV's rows as column → text.
    static func table(_ csv: String) -> (header: [String], rows: [[String: String]]) {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = lines[0].map(String.init)
        return (
            header,
            lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.map(String.init))) }
        )
    }

    @Test func estimateHasGreenColumnsAfterTheIntervalsAndBeforeNotes() throws {
        let byDefault = try VerdantBinary.run(EstimateCommandTests.base + ["--out", "-"])
        #expect(byDefault.status == 0, "\(byDefault.stderr)")
        let (header, rows) = Self.table(byDefault.stdout)
        #expect(Array(header.suffix(4)) == ["uncertainty_pct", "green_ha", "green_fraction", "notes"])
        #expect(header.joined(separator: ",") == EstimateCommandTests.header)
        let strict = try VerdantBinary.run(EstimateCommandTests.base + ["--out", "-", "--green-threshold", "0.7"])
        #expect(strict.status == 0, "\(strict.stderr)")
        let strictRows = Self.table(strict.stdout).rows
        var someDiffer = false
        for (row, strictRow) in zip(rows, strictRows) {
            let observed = try #require(Double(row["observed_ha"]!))
            let green = try #require(Double(row["green_ha"]!)), fraction = Double(row["green_fraction"]!)
            let strictGreen = try #require(Double(strictRow["green_ha"]!))
            #expect(green >= 0 && green <= observed * (1 + 1e-12), "\(row["parcel_id"]!)")
            if observed > 0 { #expect(abs(try #require(fraction) - green / observed) < 1e-9) }
            #expect(strictGreen <= green)
            if strictGreen < green { someDiffer = true }
        }
        #expect(someDiffer, "a higher threshold leaves some green out")
    }

    @Test func totalsAndJSONNameTheThreshold() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("p.json")
        let r = try VerdantBinary.run(EstimateCommandTests.base + ["--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("green area:"))
        let o = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        let parameters = (o["run"] as! [String: Any])["parameters"] as! [String: Any]
        #expect(parameters["green_threshold"] as? Double == 0.4)
        #expect((parameters["green_threshold_source"] as? String)?.contains("Weier") == true)
        #expect((o["totals"] as! [String: Any])["green_ha"] is Double)
        let columns = o["columns"] as! [String]
        #expect(Array(columns.suffix(3)) == ["green_ha", "green_fraction", "notes"])
    }

    @Test func mapWritesGreenCoverAsByteWithNodata255() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let green = folder.file("green.tif"), ndvi = folder.file("ndvi.tif")
        let r = try VerdantBinary.run(
            Self.mapBase + ["--green-out", green, "--ndvi-out", ndvi, "--green-threshold", "0.5", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(summary["green_threshold"] as? Double == 0.5)
        let band = try Dataset.open(green).band(1)
        #expect(band.dataType == .byte && band.noDataValue == 255)
        let cells = try band.readAll(as: UInt8.self)
        let index = try Dataset.open(ndvi).band(1).readAll(as: Float.self)
        var counts = [UInt8: Int]()
        for (g, x) in zip(cells, index) {
            counts[g, default: 0] += 1
            if x.isNaN {
                #expect(g == 255)
            } else if abs(x - 0.5) > 1e-6 {
                #expect(g == (x >= 0.5 ? 1 : 0))
            }
        }
        #expect(Set(counts.keys) == [0, 1, 255], "\(counts)")
        let greenHa = try #require(summary["green_ha"] as? Double)
        #expect(abs(greenHa - Double(counts[1]!) * 100 / 10_000) < 1e-9, "10 m cells")
    }

    @Test(arguments: ["nan", "inf", "-inf"])
    func aThresholdThatIsNotANumberIsAOneLineError(text: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for arguments in [
            EstimateCommandTests.base + ["--out", folder.file("p.csv")],
            Self.mapBase + ["--green-out", folder.file("g.tif")]
        ] {
            let r = try VerdantBinary.run(arguments + ["--green-threshold", text])
            #expect(r.status != 0)
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(r.stderr)")
            #expect(r.stderr.contains("--green-threshold") && r.stderr.contains("finite"), "\(r.stderr)")
            #expect(folder.contents().isEmpty)
        }
    }

    @Test func helpNamesTheDefaultAndItsSource() throws {
        for command in ["estimate", "map"] {
            let r = try VerdantBinary.run([command, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("--green-threshold") && r.stdout.contains("Weier"), "\(command)")
        }
        let map = try VerdantBinary.run(["map", "--help"])
        #expect(map.stdout.contains("--green-out") && map.stdout.contains("255"))
        let estimate = try VerdantBinary.run(["estimate", "--help"])
        #expect(estimate.stdout.contains("green_ha") && estimate.stdout.contains("green_fraction"))
    }
}
