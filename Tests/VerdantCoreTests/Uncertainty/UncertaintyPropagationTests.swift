import Foundation
import Testing

@testable import VerdantCore

@Suite struct UncertaintyPropagationTests {
    static let factors = AppliedFactors(CarbonFactors(rootShoot: 0, carbonFraction: 0.5, source: "test"))

    static func model(plotAreaHa: Double?, residualSD: Double = 0) -> BiomassModel {
        var m = BiomassModel(form: .linear, a: 0, b: 100, source: "test")
        m.uncertainty = ModelUncertainty(
            covariance: [[4, 0], [0, 9]], residualSD: residualSD, plotAreaHa: plotAreaHa)
        return m
    }

    /// p1: gradients (2, 1) give gᵀCg = 2²·4 + 1²·9 = 25, so SD 5; 50 t AGB and 100 t CO2e (2 t CO2e per t).
    /// p2: gradients (1, 0), SD 2, nothing estimated, so CO2e per AGB from its factors: 0.5 × 44/12 = 11/6.
    static let parcels = [
        UncertaintyPropagation.Parcel(
            id: "p1", observedArea: 20_000, gradA: 2, gradB: 1, histogram: nil, agbT: 50, co2eT: 100, factors: factors),
        UncertaintyPropagation.Parcel(
            id: "p2", observedArea: 10_000, gradA: 1, gradB: 0, histogram: nil, agbT: 0, co2eT: 0, factors: factors)
    ]

    @Test func analyticIntervalsFromTheCoefficientCovariance() throws {
        let z = UncertaintyOptions.z90
        let (rows, total) = try #require(
            try UncertaintyPropagation.intervals(
                model: Self.model(plotAreaHa: nil), parcels: Self.parcels,
                options: UncertaintyOptions(method: .analytic)))
        #expect(abs(Self.parcels[1].co2ePerAGB - 11.0 / 6) < 1e-15)
        #expect(rows.count == 2)
        #expect(abs(rows[0].agbLow - (50 - 5 * z)) < 1e-12 && abs(rows[0].agbHigh - (50 + 5 * z)) < 1e-12)
        #expect(abs(rows[0].co2eLow - (100 - 10 * z)) < 1e-12 && abs(rows[0].co2eHigh - (100 + 10 * z)) < 1e-12)
        #expect(abs(rows[0].uncertaintyPct! - 5 * z / 50 * 100) < 1e-12)
        #expect(
            rows[1].agbLow == 0 && abs(rows[1].agbHigh - 2 * z) < 1e-12 && rows[1].uncertaintyPct == nil,
            "clamped at 0; no % of 0")
        #expect(abs(rows[1].co2eHigh - 2 * z * 11 / 6) < 1e-12)
        // Totals: gradients add (3, 1): 9·4 + 1·9 = 45;
        // CO2e gradients (2·2 + 11/6, 2·1) = (35/6, 2): (35/6)²·4 + 2²·9 = 1225/9 + 36 = 1549/9.
        #expect(abs(total.agbHigh - (50 + 45.0.squareRoot() * z)) < 1e-12)
        #expect(abs(total.co2eHigh - (100 + 1549.0.squareRoot() / 3 * z)) < 1e-12)
        #expect(abs(total.uncertaintyPct! - 1549.0.squareRoot() / 3 * z) < 1e-12, "of 100 t CO2e")
    }

    @Test func theResidualTermCountsPlotSizedPiecesOfTheObservedArea() throws {
        // σ² × observed ha × plot ha = 10² × 2 × 0.1 = 20 for p1: SD √(25 + 20) = √45.
        let (rows, _) = try #require(
            try UncertaintyPropagation.intervals(
                model: Self.model(plotAreaHa: 0.1, residualSD: 10),
                parcels: Self.parcels, options: UncertaintyOptions()))
        #expect(abs(rows[0].agbHigh - (50 + 45.0.squareRoot() * UncertaintyOptions.z90)) < 1e-12)
    }

    @Test func aModelWithoutUncertaintyHasNoIntervals() throws {
        let plain = BiomassModel(form: .linear, a: 0, b: 100, source: "test")
        #expect(
            try UncertaintyPropagation.intervals(model: plain, parcels: Self.parcels, options: UncertaintyOptions())
                == nil)
    }
}
