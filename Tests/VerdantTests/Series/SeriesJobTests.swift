import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// `verdant series` against `estimate`, and its alerts on a scenario with known answers.
@Suite struct SeriesJobTests {
    static let model = try! BiomassModel(parsing: "linear:-30,250")

    @Test func aOneDateSeriesEqualsEstimateToTheLastBit() throws {
        let s = try SeriesScenario(dateCount: 1)
        defer { s.folder.remove() }
        let series = try SeriesJob.run(try s.request(model: Self.model))
        let estimate = try s.estimate(date: 0, model: Self.model)
        #expect(series.estimates.count == 1)
        #expect(series.estimates[0].rows == estimate.rows)
        #expect(series.estimates[0].totals == estimate.totals)
    }

    @Test func aSeriesOfThreeDatesEqualsThreeEstimates() throws {
        let s = try SeriesScenario(dateCount: 3)
        defer { s.folder.remove() }
        let series = try SeriesJob.run(try s.request(model: Self.model))
        #expect(series.dates.map(\.text) == s.dates)
        for d in 0..<3 {
            let estimate = try s.estimate(date: d, model: Self.model)
            #expect(series.estimates[d].rows == estimate.rows, "date \(s.dates[d])")
        }
    }

    @Test func bitIdenticalForOneTwoAndEightThreads() throws {
        let s = try SeriesScenario(dateCount: 14)
        defer { s.folder.remove() }
        let runs = try [1, 2, 8].map { try SeriesJob.run(try s.request(model: Self.model, threads: $0)) }
        for r in runs.dropFirst() {
            #expect(r.estimates.map(\.rows) == runs[0].estimates.map(\.rows))
            #expect(r.trends == runs[0].trends)
        }
    }

    @Test func aClearingAlertsOnItsParcelAndDateOnlyNotCloudsNorSeasons() throws {
        let s = try SeriesScenario()
        defer { s.folder.remove() }
        let report = try SeriesJob.run(try s.request())
        let byName = Dictionary(uniqueKeysWithValues: report.trends.map { ($0.parcelID, $0) })
        #expect(byName["cleared"]?.alertDate?.text == s.dates[SeriesScenario.clearingIndex])
        #expect(byName["stable"]?.alertDate == nil)
        #expect(byName["seasonal"]?.alertDate == nil, "a seasonal low is not a clearing")
        #expect(byName["cloudy"]?.alertDate == nil, "clouds are not a clearing")
        // The cloudy dates count as unobserved for that parcel.
        #expect(byName["cloudy"]?.observedDates == 36 - SeriesScenario.cloudyIndices.count)
        #expect(byName["stable"]?.observedDates == 36)
        // The clearing's drop is about 0.70 + seasonal − 0.15.
        let drop = try #require(byName["cleared"]?.maxDrop)
        #expect(drop > 0.5 && drop < 0.65, "max drop \(drop)")
        // Green cover (NDVI ≥ 0.4): all of the cleared parcel first, none of it last.
        #expect(byName["cleared"]?.greenHaFirst == 0.16)
        #expect(byName["cleared"]?.greenHaLast == 0)
        #expect(byName["cleared"]?.greenHaChange == -0.16)
        // The trend of the cleared parcel is negative and significant; the stable one's is flat.
        #expect((byName["cleared"]?.trendPerYear ?? 0) < 0)
        #expect((byName["cleared"]?.trendP ?? 1) < 0.001)
        #expect(abs(byName["stable"]?.trendPerYear ?? 1) < 0.02)
    }

    @Test func aBaselineWithoutADateIsAClearError() throws {
        let s = try SeriesScenario(dateCount: 6)
        defer { s.folder.remove() }
        var request = try s.request()
        request.baseline = try SeriesRequest.parseBaseline("2019-01-01/2019-12-31")
        let error = #expect(throws: VerdantError.self) { try SeriesJob.run(request) }
        #expect(error?.description.contains("2019-01-01/2019-12-31 holds none of the series' 6 dates") == true)
        #expect(throws: VerdantError.self) { try SeriesRequest.parseBaseline("2020-05-01/2020-01-01") }
        #expect(throws: VerdantError.self) { try SeriesRequest.parseBaseline("2020-05-01") }
    }

    @Test func aBaselineOverEveryDateIsWarnedOf() throws {
        let short = try SeriesScenario(dateCount: 6)
        defer { short.folder.remove() }
        let report = try SeriesJob.run(try short.request())
        #expect(report.warnings.contains { $0.contains("no date is monitored") }, "\(report.warnings)")
        let long = try SeriesScenario(dateCount: 14)
        defer { long.folder.remove() }
        #expect(!(try SeriesJob.run(try long.request())).warnings.contains { $0.contains("no date is monitored") })
    }

    @Test func aShortBaselineGivesANoteAndNoAlert() throws {
        let s = try SeriesScenario()
        defer { s.folder.remove() }
        var request = try s.request()
        request.baseline = try SeriesRequest.parseBaseline("2020-01-01/2020-04-30")
        let report = try SeriesJob.run(request)
        for t in report.trends {
            #expect(t.alertDate == nil)
            #expect(t.notes.contains { $0.contains("baseline") }, "\(t.notes)")
        }
    }
}

/// Dates on different grids are brought onto one analysis grid: the finest, whichever date it comes from.
@Suite struct SeriesGridTests {
    @Test func aCoarserDateIsBroughtOntoTheFinestGrid() throws {
        let s = try SeriesScenario(dateCount: 2)
        defer { s.folder.remove() }
        // A first date at 20 m (4 × 4 cells over the same 80 m square), NDVI 0.5 everywhere.
        let coarse = GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 20, cellHeight: 20)
        let red = [Double](repeating: SeriesScenario.nir * 0.5 / 1.5, count: 16)
        try RasterFixture.write(
            s.folder.file("red-coarse.tif"), width: 4, height: 4, type: .float32, bands: [red], transform: coarse)
        try RasterFixture.write(
            s.folder.file("nir-coarse.tif"), width: 4, height: 4, type: .float32,
            bands: [[Double](repeating: SeriesScenario.nir, count: 16)], transform: coarse)
        var csv = try String(contentsOfFile: s.datesCSV, encoding: .utf8)
        csv += "2019-12-15,red-coarse.tif,nir-coarse.tif,\n"
        try csv.write(toFile: s.datesCSV, atomically: true, encoding: .utf8)
        let report = try SeriesJob.run(try s.request())
        #expect(report.dates.map(\.text) == ["2019-12-15"] + s.dates)
        let grid = try #require(report.estimates.first?.metadata)
        #expect(grid.width == 8 && grid.height == 8, "the 10 m grid of the later dates")
        for row in report.estimates[0].rows {
            #expect(abs(row.meanNDVI! - 0.5) < 1e-6, "\(row.parcelID): \(row.meanNDVI!)")
            #expect(abs(row.observedHa - 0.16) < 1e-12)
        }
        // The later dates keep exactly the figures they have alone.
        let alone = try SeriesJob.run(try SeriesScenario.request(s, skippingFirst: true))
        #expect(report.estimates[1].rows == alone.estimates[0].rows)
    }
}

extension SeriesScenario {
    /// The scenario's request read from its original dates (without rows added since).
    static func request(_ s: SeriesScenario, skippingFirst: Bool) throws -> SeriesRequest {
        let lines = try String(contentsOfFile: s.datesCSV, encoding: .utf8).split(separator: "\n")
        let kept = lines.filter { !$0.hasPrefix("2019-12-15") }
        let path = s.folder.file("dates-original.csv")
        try (kept.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var setup = SensorSetup()
        setup.scale = 1
        var r = SeriesRequest(
            series: try SeriesInputs.dates(path, setup: setup, needing: [.red, .nir]),
            parcels: ParcelSource(path: s.parcelsPath, idField: "name"))
        r.execution = ExecutionOptions(threads: 2)
        return r
    }
}
