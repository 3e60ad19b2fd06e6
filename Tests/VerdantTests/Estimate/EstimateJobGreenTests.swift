import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// Green cover of an estimate on a hand-made 4 × 4 raster whose green area is known exactly.
@Suite struct EstimateJobGreenTests {
    static let x0 = 600_000.0, y0 = 1_600_000.0

    /// 4 × 4 cells of 10 m: columns 0 and 1 dense green (NDVI 0.8: red 0.1, NIR 0.9), columns 2 and 3 bare
    /// (NDVI 0: red = NIR = 0.2). Green (band 3) is 0.5 in the left half, so GNDVI is 2/7 ≈ 0.29 there, and 0.2
    /// (GNDVI 0) in the right half. An SCL band marks one cell as cloud (class 9) when `cloudAt` is given.
    static func scene(_ folder: TemporaryFolder, cloudAt: Int? = nil) throws -> RasterInputs {
        let left = (0..<16).map { $0 % 4 < 2 }
        let stack = try RasterFixture.write(
            folder.file("stack.tif"), width: 4, height: 4, type: .float32,
            bands: [
                left.map { $0 ? 0.1 : 0.2 }, left.map { $0 ? 0.9 : 0.2 }, left.map { $0 ? 0.5 : 0.2 }
            ])
        var scl = [Double](repeating: 4, count: 16)
        if let cloudAt { scl[cloudAt] = 9 }
        let sclPath = try RasterFixture.write(folder.file("scl.tif"), width: 4, height: 4, type: .byte, bands: [scl])
        return RasterInputs(
            bands: [
                .red: BandSource(path: stack, band: .index(1)), .nir: BandSource(path: stack, band: .index(2)),
                .green: BandSource(path: stack, band: .index(3)), .scl: BandSource(path: sclPath, band: .index(1))
            ],
            scaling: .identity)
    }

    /// "half": 30 m × 30 m from (5, 5) m inside the scene's corner, so it covers its cells by quarters (corners),
    /// halves (edges) and wholly (the 2 × 2 centre); "bare": the right column's middle two cells, wholly.
    static func parcels(_ folder: TemporaryFolder) throws -> String {
        try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:32647",
            features: [
                .init(
                    properties: [("id", "\"half\"")],
                    polygons: [[VectorFixture.rect(x0 + 5, y0 - 35, x0 + 35, y0 - 5)]]),
                .init(
                    properties: [("id", "\"bare\"")],
                    polygons: [[VectorFixture.rect(x0 + 30, y0 - 30, x0 + 40, y0 - 10)]])
            ])
    }

    static func run(
        _ inputs: RasterInputs, _ parcels: String, index: SpectralIndex = .ndvi, threshold: Double? = nil
    ) throws -> EstimateReport {
        var model = try BiomassModel(parsing: "linear:0,100")
        model.index = index
        var request = EstimateRequest(
            inputs: inputs, parcels: ParcelSource(path: parcels, idField: "id"), model: model)
        request.greenThreshold = threshold
        return try EstimateJob.run(request)
    }

    @Test func greenAreaOfAParcelCoveringCellsByParts() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let report = try Self.run(try Self.scene(folder), try Self.parcels(folder))
        let half = report.rows[0], bare = report.rows[1]
        // Column 0: 0.25 + 0.5 + 0.5 + 0.25 cells, column 1: 0.5 + 1 + 1 + 0.5 cells, of 100 m² each: 450 m².
        #expect(abs(try #require(half.greenHa) - 0.045) < 1e-12)
        #expect(abs(half.observedHa - 0.09) < 1e-12)
        #expect(abs(try #require(half.greenFraction) - 0.5) < 1e-12)
        #expect(bare.greenHa == 0 && bare.greenFraction == 0)
        #expect(abs(try #require(report.totals.greenHa) - 0.045) < 1e-12)
        #expect(abs(try #require(report.totals.greenFraction) - 0.045 / 0.11) < 1e-12)
        #expect(report.metadata.greenThreshold == 0.4 && report.metadata.greenThresholdSource == GreenCover.source)
    }

    @Test func cloudsAreLeftOutOfGreenAreaAndFraction() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Cloud over row 1, column 1: a green cell the parcel covers wholly.
        let report = try Self.run(try Self.scene(folder, cloudAt: 5), try Self.parcels(folder))
        let half = report.rows[0]
        #expect(abs(half.observedHa - 0.08) < 1e-12)
        #expect(abs(try #require(half.greenHa) - 0.035) < 1e-12)
        // Of the observed area (0.035 / 0.08), not of the parcel's (0.035 / 0.09).
        #expect(abs(try #require(half.greenFraction) - 0.4375) < 1e-12)
        #expect(abs(try #require(half.cloudFraction) - 1.0 / 9) < 1e-12)
    }

    @Test func aThresholdAboveTheDenseGreenLeavesNothingGreen() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let report = try Self.run(try Self.scene(folder), try Self.parcels(folder), threshold: 0.85)
        #expect(report.rows[0].greenHa == 0 && report.rows[0].greenFraction == 0)
        #expect(report.metadata.greenThreshold == 0.85)
        #expect(report.metadata.greenThresholdSource?.contains("given") == true)
    }

    @Test func anotherIndexHasNoGreenFiguresUnlessAThresholdIsGiven() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let inputs = try Self.scene(folder), parcels = try Self.parcels(folder)
        let none = try Self.run(inputs, parcels, index: .gndvi)
        #expect(none.rows.allSatisfy { $0.greenHa == nil && $0.greenFraction == nil })
        #expect(none.totals.greenHa == nil && none.metadata.greenThreshold == nil)
        let csv = CSVReport.text(none)
        let header = csv.split(separator: "\n")[0].split(separator: ",", omittingEmptySubsequences: false)
        let first = csv.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        let g = try #require(header.firstIndex(of: "green_ha"))
        #expect(header[g + 1] == "green_fraction" && header[g + 2] == "notes")
        #expect(first[g] == "" && first[g + 1] == "", "empty green columns")
        // GNDVI is 2/7 in the left half: green at 0.25, judged on GNDVI (NDVI there is 0.8).
        let given = try Self.run(inputs, parcels, index: .gndvi, threshold: 0.25)
        #expect(abs(try #require(given.rows[0].greenHa) - 0.045) < 1e-12)
        let over = try Self.run(inputs, parcels, index: .gndvi, threshold: 0.3)
        #expect(over.rows[0].greenHa == 0)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func aThresholdThatIsNotFiniteIsRefused(value: Double) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            _ = try Self.run(try Self.scene(folder), try Self.parcels(folder), threshold: value)
            Issue.record("threshold \(value) was accepted")
        } catch let error as VerdantError {
            guard case .invalidParameter(.greenThreshold, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
    }
}
