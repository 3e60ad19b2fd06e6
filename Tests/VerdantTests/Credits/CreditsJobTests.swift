import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// Two synthetic dates with known growth: NDVI 0.5 at t0, 2/3 at t1 over 10 × 10 cells of 10 m.
@Suite struct CreditsJobTests {
    static func dates(_ folder: TemporaryFolder, t1Transform: GeoTransform? = nil) throws -> (String, String, String) {
        let t0 = try RasterFixture.write(
            folder.file("t0.tif"), width: 10, height: 10, type: .float32,
            bands: [[Double](repeating: 0.125, count: 100), [Double](repeating: 0.375, count: 100)])
        let t1 = try RasterFixture.write(
            folder.file("t1.tif"), width: t1Transform == nil ? 10 : 25, height: t1Transform == nil ? 10 : 25,
            type: .float32,
            bands: [
                [Double](repeating: 0.125, count: t1Transform == nil ? 100 : 625),
                [Double](repeating: 0.625, count: t1Transform == nil ? 100 : 625)
            ],
            transform: t1Transform ?? GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10))
        let parcels = try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:32647",
            features: [
                .init(
                    properties: [("id", "\"project\""), ("role", "\"project\"")],
                    polygons: [[VectorFixture.rect(600_000, 1_599_950, 600_100, 1_600_000)]]),
                .init(
                    properties: [("id", "\"control\""), ("role", "\"control\"")],
                    polygons: [[VectorFixture.rect(600_000, 1_599_900, 600_050, 1_599_950)]])
            ])
        return (t0, t1, parcels)
    }

    static func request(
        _ t0: String, _ t1: String, _ parcels: String, uncertainty: Bool = false
    ) throws -> CreditsRequest {
        var model = try BiomassModel(parsing: "linear:0,300")
        if uncertainty {
            model.uncertainty = ModelUncertainty(covariance: [[4, 0], [0, 100]], residualSD: 10, plotAreaHa: 0.05)
        }
        func estimate(_ path: String) -> EstimateRequest {
            EstimateRequest(
                inputs: .stacked(path: path, red: .index(1), nir: .index(2), scaling: .identity),
                parcels: ParcelSource(path: parcels, idField: "id"), model: model)
        }
        return CreditsRequest(t0: estimate(t0), t1: estimate(t1))
    }

    /// The dates' growth with a baseline of 10 t/ha, 5 % leakage and a 10 % buffer.
    static func growth(_ folder: TemporaryFolder) throws -> (report: CreditsReport, t0: String, parcels: String) {
        let (t0, t1, parcels) = try dates(folder)
        var request = try request(t0, t1, parcels)
        request.baseline = .perHectare(10)
        request.leakagePct = 5
        request.bufferPct = 10
        return (try CreditsJob.run(request), t0, parcels)
    }

    @Test func knownGrowthWithLeakageAndBuffer() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (report, t0, parcels) = try Self.growth(folder)
        #expect(report.coverageReused)
        let p = report.rows[0]
        // NDVI 0.5 → 2/3: AGB 150 → 200 t/ha over 0.5 ha: +25 t AGB = 25 × 0.47 × 44/12 tCO2e.
        let k = 0.47 * 44.0 / 12.0
        let change = 25 * k
        #expect(abs(p.co2eT0 - 75 * k) < 1e-6 && abs(p.co2eT1 - 100 * k) < 1e-6)
        #expect(abs(p.projectChange - change) < 1e-6)
        #expect(
            p.projectDeduction == 0 && p.changeHalfWidth90 == nil, "no model uncertainty: no interval, no deduction")
        let baseline = 10 * 0.5
        let leakage = 0.05 * (change - baseline)
        let buffer = 0.10 * (change - baseline - leakage)
        #expect(
            abs(p.baselineChange - baseline) < 1e-9 && abs(p.leakage - leakage) < 1e-9 && abs(p.buffer - buffer) < 1e-9)
        #expect(abs(p.netRemovals - (change - baseline - leakage - buffer)) < 1e-9)
        #expect(report.checksums[t0] == SHA256.file(t0) && report.checksums[parcels] != nil)
        let json = try CreditsReportWriter.json(report).text()
        #expect(json.contains(CreditsReport.label) && json.contains("checksums_sha256"))
    }

    @Test func uncertaintyDeductionAndControlParcels() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (t0, t1, parcels) = try Self.dates(folder)
        var request = try Self.request(t0, t1, parcels, uncertainty: true)
        request.baseline = .controlParcels(field: "role", value: "control")
        let report = try CreditsJob.run(request)
        let p = report.rows.first { $0.parcelID == "project" }!
        let k = 0.47 * 44.0 / 12.0
        // The change's interval: the coefficient a cancels between dates; b moves by Δx = 1/6 over 0.5 ha:
        // var = (k × 0.5 × 1/6)² × 100 + 2 × k² × 10² × 0.5 × 0.05.
        let v = pow(k * 0.5 / 6, 2) * 100 + 2 * k * k * 100 * 0.5 * 0.05
        let half = 1.6448536269514722 * v.squareRoot()
        #expect(abs(p.changeHalfWidth90! - half) < 1e-9)
        #expect(
            abs(p.projectDeduction - UncertaintyDeduction.deduction(estimate: p.projectChange, halfWidth: half)) < 1e-12
        )
        // The control parcel grew as much per ha: the baseline (with its own deduction) takes all of it and more.
        let control = report.rows.first { $0.parcelID == "control" }!
        #expect(control.excluded && control.netRemovals == 0)
        #expect(p.baselineChange > p.projectChange - 1e-9)
        #expect(p.netRemovals <= 0)
    }

    @Test func datesOnDifferentGridsAndDatesThatMissParcels() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (t0, t1, parcels) = try Self.dates(
            folder, t1Transform: GeoTransform(originX: 599_950, originY: 1_600_050, cellWidth: 5, cellHeight: 5))
        let report = try CreditsJob.run(try Self.request(t0, t1, parcels))
        #expect(!report.coverageReused)
        #expect(abs(report.rows[0].projectChange - 25 * 0.47 * 44 / 12) < 1e-6)
        // A t1 raster that does not reach the parcels.
        let far = try RasterFixture.write(
            folder.file("far.tif"), width: 10, height: 10, type: .float32,
            bands: [[Double](repeating: 0.1, count: 100), [Double](repeating: 0.5, count: 100)],
            transform: GeoTransform(originX: 610_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10))
        do {
            _ = try CreditsJob.run(try Self.request(t0, far, parcels))
            Issue.record("rasters missing the parcels were accepted")
        } catch let e as VerdantError {
            #expect(e.description.contains("overlaps the raster"), "\(e)")
        }
    }
}
