import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// The alert rule on the real MODIS NDVI series of Sinop (see `ModisSeriesTests`): its 18 labelled parcels are not
/// cleared within 2013-09 … 2014-08, so any alert on them is false. The series is one year long, so the default
/// baseline (the first 12 months) leaves nothing to monitor; these tests take shorter baselines (the first 6, 7
/// or 8 dates; 6 usable dates is the least one harmonic allows) to measure what the rule does on seasonal
/// crops, pasture, cerrado and forest. The 2014-02-18 composite is cloud-contaminated (every parcel, forest
/// included, reads 0.07–0.35) and the data set has no quality band to mask it; it lies in every baseline.
@Suite(.enabled(if: RealData.isPresent, "../shared/real-data/ is absent: the real MODIS series tests are skipped"))
struct ModisAlertTests {
    /// The label of each parcel id.
    static func labels() throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try ModisSeriesTests.reference().parcel_figures.map { ($0.id, $0.label) })
    }

    /// Alerts per label of a run over `table` with a baseline of its first `n` dates.
    static func alerts(
        table: String, dates: [String], baselineDates n: Int, sigmas: Double = 3, confirm: Int = 2
    ) throws -> (byLabel: [String: Int], alerts: [String]) {
        var request = try ModisSeriesTests.request(table: table)
        request.baseline = try SeriesRequest.parseBaseline("\(dates[0])/\(dates[n - 1])")
        request.harmonics = 1
        request.sigmas = sigmas
        request.confirm = confirm
        let labels = try Self.labels()
        var byLabel: [String: Int] = [:]
        var alerts: [String] = []
        for t in try SeriesJob.run(request).trends {
            #expect(t.observedDates == dates.count, "parcel \(t.parcelID)")
            guard let date = t.alertDate else { continue }
            byLabel[labels[t.parcelID]!, default: 0] += 1
            alerts.append("\(t.parcelID)@\(date.text)")
        }
        return (byLabel, alerts)
    }

    @Test func theDefaultBaselineCoversTheWholeYearSoNothingAlerts() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let report = try SeriesJob.run(
            try ModisSeriesTests.request(table: try ModisSeriesTests.datesTable(in: folder)))
        #expect(report.trends.allSatisfy { $0.alertDate == nil && $0.maxDrop == nil })
    }

    @Test func noFalseAlertOnTheRealSeasonalSeriesWithShortBaselines() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ref = try ModisSeriesTests.reference()
        let all = ref.dates.map(\.date)
        let table = try ModisSeriesTests.datesTable(in: folder)
        // Also without the cloudy composite, as a user who drops it would run.
        let files = try ref.dates.filter { $0.date != "2014-02-18" }.map {
            try RealData.require(ModisSeriesTests.folder + $0.file)
        }
        let clearSky = try TemporaryFolder()
        defer { clearSky.remove() }
        let clearTable = try ModisSeriesTests.datesTable(in: clearSky, files: files)
        // Measured: 0 alerts of 18 parcels (4 Pasture, 3 Forest, 3 Cerrado, 8 Soy_Corn) for every baseline, with
        // the default rule (drop ≥ 0.2 and ≥ 3 baseline RMSEs on 2 consecutive dates). Soy/corn double cropping
        // has an annual cycle whose low (Sep–Oct) is in every baseline, so its July–August low is predicted.
        for n in [6, 7, 8] {
            let a = try Self.alerts(table: table, dates: all, baselineDates: n)
            #expect(a.alerts.isEmpty, "baseline of \(n) dates: \(a.byLabel) \(a.alerts)")
            let b = try Self.alerts(table: clearTable, dates: all.filter { $0 != "2014-02-18" }, baselineDates: n)
            #expect(b.alerts.isEmpty, "baseline of \(n) dates, without 2014-02-18: \(b.byLabel) \(b.alerts)")
            // Even the 0.2 drop alone (no RMSE condition), confirmed on 2 dates, raises none.
            let c = try Self.alerts(table: table, dates: all, baselineDates: n, sigmas: 0)
            #expect(c.alerts.isEmpty, "baseline of \(n) dates, sigmas 0: \(c.byLabel) \(c.alerts)")
        }
    }

    @Test func withoutConfirmationTheDrySeasonOfOneCerradoAlerts() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let all = try ModisSeriesTests.reference().dates.map(\.date)
        let table = try ModisSeriesTests.datesTable(in: folder)
        // The drop alone on one date (sigmas 0, confirm 1), baseline of 8 dates: the open cerrado of parcel 15
        // falls 0.22 under its model in the dry season (2014-07-28), a false alert that confirmation prevents.
        let a = try Self.alerts(table: table, dates: all, baselineDates: 8, sigmas: 0, confirm: 1)
        #expect(a.alerts == ["15@2014-07-28"])
        #expect(a.byLabel == ["Cerrado": 1])
    }
}
