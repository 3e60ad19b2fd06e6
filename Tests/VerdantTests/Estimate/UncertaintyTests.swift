import Foundation
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

@Suite struct UncertaintyTests {

    /// A uniform 1 ha parcel (10 × 10 cells of 10 m, NDVI 0.5) and a linear model with a known covariance.
    static func request(
        method: UncertaintyOptions.Method, seed: UInt64 = 7, draws: Int = 20_000
    ) throws -> EstimateRequest {
        let folder = try TemporaryFolder()
        let raster = try RasterFixture.write(
            folder.file("r.tif"), width: 10, height: 10, type: .float64,
            bands: [[Double](repeating: 0.1, count: 100), [Double](repeating: 0.3, count: 100)])
        let parcels = try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:32647",
            features: [
                .init(
                    properties: [("id", "\"A\"")],
                    polygons: [[VectorFixture.rect(600_000, 1_599_900, 600_100, 1_600_000)]])
            ])
        var model = try BiomassModel(parsing: "linear:10,200")
        model.uncertainty = ModelUncertainty(covariance: [[25, -30], [-30, 100]], residualSD: 20, plotAreaHa: 0.05)
        var r = EstimateRequest(
            inputs: .stacked(path: raster, red: .index(1), nir: .index(2), scaling: .identity),
            parcels: ParcelSource(path: parcels, idField: "id"), model: model)
        r.uncertainty = UncertaintyOptions(method: method, draws: draws, seed: seed)
        return r
    }

    @Test func analyticIntervalByHand() throws {
        let row = try EstimateJob.run(try Self.request(method: .analytic)).rows[0]
        // AGB = 10 + 200 × 0.5 = 110 t/ha over 1 ha; g = (1, 0.5) ha; var = 25 − 2·0.5·30 + 0.25·100 = 20 (t²);
        // residual 20² × 1 ha × 0.05 ha = 20; sd = √40.
        let x = (0.3 - 0.1) / (0.3 + 0.1)
        #expect(abs(row.agbT - (10 + 200 * x)) < 1e-9)
        let sd = (25 - 2 * x * 30 + x * x * 100 + 400 * 0.05).squareRoot()
        let i = try #require(row.interval)
        #expect(abs(i.agbHigh - (row.agbT + 1.6448536269514722 * sd)) < 1e-9)
        #expect(abs(i.agbLow - (row.agbT - 1.6448536269514722 * sd)) < 1e-9)
        #expect(abs(i.co2eHigh - i.agbHigh * 0.47 * 44 / 12) < 1e-9)
        #expect(abs(i.uncertaintyPct! - 1.6448536269514722 * sd / row.agbT * 100) < 1e-9)
    }

    @Test func monteCarloIsReproducibleAndAgreesWithAnalytic() throws {
        let analytic = try EstimateJob.run(try Self.request(method: .analytic)).rows[0].interval!
        let a = try EstimateJob.run(try Self.request(method: .monteCarlo, seed: 7))
        let b = try EstimateJob.run(try Self.request(method: .monteCarlo, seed: 7))
        let c = try EstimateJob.run(try Self.request(method: .monteCarlo, seed: 8))
        #expect(a.rows[0].interval == b.rows[0].interval, "same seed, same interval")
        #expect(a.totals.interval == b.totals.interval)
        #expect(a.rows[0].interval != c.rows[0].interval)
        let mc = a.rows[0].interval!
        #expect(abs(mc.agbHigh - analytic.agbHigh) < 0.03 * (analytic.agbHigh - analytic.agbLow))
        #expect(abs(mc.agbLow - analytic.agbLow) < 0.03 * (analytic.agbHigh - analytic.agbLow))
    }
}
