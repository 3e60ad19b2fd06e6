import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// Composites against numpy (`nanmedian`, `nanmean`, `nanmin`, `nanmax`, `nanpercentile`, the greenest pixel by
/// `nanargmax`) on a hand-made stack with clouds, no data, ties and every count of observed dates
/// (Tests/Fixtures/composite/make_fixture.py); bit-identical for any thread count.
@Suite struct CompositeJobTests {
    struct Fixture: Decodable {
        var dates: Int, rows: Int, cols: Int
        var red: [[Double]], nir: [[Double]], scl: [[Int]]
        var count: [Int]
        var expected: [String: [String: [Double?]]]
    }

    static let fixture: Fixture = {
        let path = ProjectRoot.path + "/Tests/Fixtures/composite/composite.json"
        return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }()

    /// Writes the stack as one red, NIR and SCL raster per date, and a dates table.
    static func stack(_ folder: TemporaryFolder) throws -> SeriesInputs {
        let f = fixture
        var csv = "date,red,nir,scl\n"
        for d in 0..<f.dates {
            let date = String(format: "2024-01-%02d", d + 1)
            // Strips of 2 rows: tiles of one block each, so several tiles and workers take part.
            let options = ["TILED=NO", "BLOCKYSIZE=2"]
            try RasterFixture.write(
                folder.file("red\(d).tif"), width: f.cols, height: f.rows, type: .float32, bands: [f.red[d]],
                options: options)
            try RasterFixture.write(
                folder.file("nir\(d).tif"), width: f.cols, height: f.rows, type: .float32, bands: [f.nir[d]],
                options: options)
            try RasterFixture.write(
                folder.file("scl\(d).tif"), width: f.cols, height: f.rows, type: .byte,
                bands: [f.scl[d].map(Double.init)], options: options)
            csv += "\(date),red\(d).tif,nir\(d).tif,scl\(d).tif\n"
        }
        try csv.write(toFile: folder.file("dates.csv"), atomically: true, encoding: .utf8)
        var setup = SensorSetup()
        setup.scale = 1
        return try SeriesInputs.dates(folder.file("dates.csv"), setup: setup, needing: [.red, .nir])
    }

    static func run(
        _ method: String, folder: TemporaryFolder, threads: Int = 2, count: Bool = false
    ) throws
        -> (bands: [[Float]], descriptions: [String], count: [UInt16]?)
    {
        let out = folder.file("\(method)-\(threads).tif")
        var request = CompositeRequest(
            series: try stack(folder), method: try CompositeMethod(parsing: method), output: out)
        request.execution = ExecutionOptions(threads: threads, tileSize: 1)
        if count { request.countOutput = folder.file("count-\(method)-\(threads).tif") }
        let summary = try CompositeJob.run(request)
        let ds = try Dataset.open(out)
        let bands = try (1...ds.bandCount).map { try ds.band($0).readAll(as: Float.self) }
        let counts = try request.countOutput.map { try Dataset.open($0).band(1).readAll(as: UInt16.self) }
        #expect(summary.bands == (try ds.bands().map(\.bandDescription)))
        return (bands, summary.bands, counts)
    }

    @Test(arguments: ["median", "mean", "min", "max", "p90", "p25", "p2.5", "max-ndvi"])
    func matchesNumpy(method: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (bands, descriptions, _) = try Self.run(method, folder: folder)
        #expect(descriptions == ["red", "nir", "ndvi"])
        for (b, name) in descriptions.enumerated() {
            let expected = try #require(Self.fixture.expected[method]?[name])
            for (k, e) in expected.enumerated() {
                let got = bands[b][k]
                if let e {
                    #expect(got == Float(e), "\(method) \(name) cell \(k): \(got) vs numpy \(e)")
                } else {
                    #expect(got.isNaN, "\(method) \(name) cell \(k): \(got), numpy: no observed date")
                }
            }
        }
    }

    @Test func countsObservedDatesAndIsBitIdenticalForAnyThreadCount() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let runs = try [1, 2, 8].map { try Self.run("p90", folder: folder, threads: $0, count: true) }
        #expect(runs[0].count?.map(Int.init) == Self.fixture.count)
        for r in runs.dropFirst() {
            #expect(r.bands.map { $0.map(\.bitPattern) } == runs[0].bands.map { $0.map(\.bitPattern) })
            #expect(r.count == runs[0].count)
        }
        let ds = try Dataset.open(folder.file("count-p90-1.tif"))
        #expect(try ds.band(1).dataType == .uInt16)
    }

    @Test func aCompositeReadsBackAsAnEstimateInput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.run("median", folder: folder)
        let inputs = RasterInputs.stacked(
            path: folder.file("median-2.tif"), red: .description("red"), nir: .description("nir"),
            scaling: .identity)
        let resolved = try ResolvedInputs.resolve(inputs, roles: [.red, .nir])
        #expect(resolved.grid.width == Self.fixture.cols)
    }
}
