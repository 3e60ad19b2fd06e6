import Foundation
import Testing
import TestSupport
@testable import Verdant

/// `FeatureStack` and `FeatureTile` on three noise-free dates of `ClassifyDatesScene`: statistics over the observed
/// dates against hand-computed values, `--min-observed`, and per-date features never imputed.
@Suite struct FeatureStackTests {
    /// NDVI of reflectance stored as Float32, as the job reads it.
    static func ndvi(_ v: (red: Double, nir: Double)) -> Double {
        let r = Double(Float(v.red)), n = Double(Float(v.nir))
        return (n - r) / (n + r)
    }

    /// Points `a` at (3, 20), under a cloud on date 2, and `b` at (4, 20) (high → low → mid), class changed;
    /// `c`, `d` at (3, 3), (4, 3) (high → high → mid), class stable.
    static func points(_ folder: TemporaryFolder) throws -> ParcelSource {
        let rows = [("a", 3, 20, "changed"), ("b", 4, 20, "changed"), ("c", 3, 3, "stable"), ("d", 4, 3, "stable")]
        return try ClassifyDatesScene.csv(
            folder, "points.csv", header: "id,x,y,class",
            rows: rows.map { id, r, c, cls in
                let p = ClassifyDatesScene.centre(r, c)
                return "\(id),\(p.x),\(p.y),\(cls)"
            })
    }

    static func series(_ folder: TemporaryFolder) throws -> SeriesInputs {
        try ClassifyDatesScene.series(folder, dates: 3, clouds: [1: [(3, 20)]], noise: false)
    }

    @Test func statisticsAreTakenOverTheObservedDates() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let s = try ClassifyDatesScene.samples(
            try Self.series(folder), features: "ndvi:median,ndvi:mean,ndvi:min,ndvi:max,ndvi:p90,red:p25",
            training: try Self.points(folder), minObserved: 0.6)
        #expect(s.labels == [0, 0, 1, 1] && s.groups == [0, 1, 2, 3] && s.polygonIDs == ["a", "b", "c", "d"])
        let (high, low, mid) = (
            Self.ndvi(ClassifyDatesScene.high), Self.ndvi(ClassifyDatesScene.low), Self.ndvi(ClassifyDatesScene.mid)
        )
        let red = (high: Double(Float(0.05)), mid: Double(Float(0.10)), low: Double(Float(0.20)))
        // a: dates 1 and 3 (NDVI high, mid; red 0.05, 0.10). p90 of two: index 0.9 → b − (b − a)·0.1; p25: a + (b − a)·0.25.
        let a = [
            (high + mid) / 2, (high + mid) / 2, mid, high, high - (high - mid) * 0.1,
            red.high + (red.mid - red.high) * 0.25
        ]
        // b: all three (NDVI high, low, mid; red 0.05, 0.20, 0.10). p90: index 1.8 → high − (high − mid)·0.2; p25:
        // index 0.5 → mid − (mid − 0.05)·0.5.
        let b = [
            mid, (high + low + mid) / 3, low, high, high - (high - mid) * 0.2, red.mid - (red.mid - red.high) * 0.5
        ]
        // c: high, high, mid.
        let c = [high, (2 * high + mid) / 3, mid, high, high, red.high]
        for (k, expected) in [a, b, c, c].enumerated() {
            for (j, e) in expected.enumerated() {
                let got = Double(s.features.values[k * 6 + j])
                #expect(abs(got - e) < 1e-6, "sample \(k) feature \(j): \(got) vs \(e)")
            }
        }
    }

    @Test func aCellObservedOnTooFewDatesIsNotASample() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let points = try Self.points(folder)
        // Every date by default: point a (a cloud on date 2) is an error naming it.
        #expect {
            _ = try ClassifyDatesScene.samples(try Self.series(folder), features: "ndvi:median", training: points)
        } throws: { e in
            let text = "\(e)"
            return text.contains(points.path) && text.contains("point a") && text.contains("3 of the 3 dates")
        }
        // 0.5 of 3 dates is 2: a is a sample.
        let s = try ClassifyDatesScene.samples(
            try Self.series(folder), features: "ndvi:median", training: points, minObserved: 0.5)
        #expect(s.labels.count == 4)
    }

    @Test func perDateFeaturesAreNotImputed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let points = try Self.points(folder)
        // ndvi@2 is missing where date 2 is clouded: a is no sample, whatever the share.
        #expect(throws: VerdantError.self) {
            _ = try ClassifyDatesScene.samples(
                try Self.series(folder), features: "ndvi@1,ndvi@2", training: points, minObserved: 0.5)
        }
        // Dates 1 and 3 observe it.
        let s = try ClassifyDatesScene.samples(
            try Self.series(folder), features: "ndvi@1,ndvi@3", training: points, minObserved: 0.5)
        let high = Self.ndvi(ClassifyDatesScene.high), mid = Self.ndvi(ClassifyDatesScene.mid)
        #expect(abs(Double(s.features.values[0]) - high) < 1e-6 && abs(Double(s.features.values[1]) - mid) < 1e-6)
    }

    @Test func bareFeaturesStandForEveryDateAndDatedOnesNeedDates() throws {
        let f = try Feature.expanded([try Feature(parsing: "ndvi"), try Feature(parsing: "red:p10")], dates: 3)
        #expect(f.map(\.description) == ["ndvi@1", "ndvi@2", "ndvi@3", "red:p10"])
        #expect(throws: VerdantError.self) { try Feature.expanded([try Feature(parsing: "ndvi@4")], dates: 3) }
        #expect(throws: VerdantError.self) { try Feature.expanded([try Feature(parsing: "ndvi:max")], dates: nil) }
        for bad in ["ndvi@0", "ndvi@x", "ndvi:max-ndvi", "ndvi:p101", "ndvi@1@2", "ndvi@1:max"] {
            #expect(throws: VerdantError.self, "\(bad)") { try Feature(parsing: bad) }
        }
    }
}
