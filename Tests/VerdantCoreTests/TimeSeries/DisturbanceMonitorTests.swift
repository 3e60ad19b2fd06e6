import Foundation
import Testing
import VerdantCore

@Suite struct DisturbanceMonitorTests {
    /// 3 years of 23 dates: a seasonal cycle of amplitude 0.3 with small deterministic noise (at most 0.01).
    static let t: [Double] = (0..<69).map { Double($0) / 23 }
    static let seasonal: [Double] = (0..<69).map { (i: Int) -> Double in
        let x = Double(i)
        let cycle: Double = 0.3 * cos(2 * Double.pi * x / 23)
        let noise: Double = 0.01 * sin(1.7 * x * x)
        return 0.5 + cycle + noise
    }
    /// The first two years are the baseline; dates 46… are monitored.
    static let monitor = DisturbanceMonitor(baseline: 0...(45.5 / 23))

    static func series(_ values: [Double]) -> [DisturbanceMonitor.Observation] {
        zip(t, values).map { DisturbanceMonitor.Observation(t: $0, value: $1) }
    }

    /// The seasonal series with 0.4 taken off from `from` on.
    static func cleared(from: Int) -> [Double] {
        seasonal.enumerated().map { $0.offset >= from ? $0.element - 0.4 : $0.element }
    }

    @Test func seasonalCycleRaisesNoAlert() throws {
        let outcome = Self.monitor.evaluate(Self.series(Self.seasonal))
        #expect(outcome.alertIndex == nil)
        #expect(outcome.anomalies.isEmpty)
        #expect(outcome.note == nil)
        #expect(outcome.baselineCount == 46)
        let model = try #require(outcome.model)
        #expect(abs(model.coefficients[0] - 0.5) < 0.01 && abs(model.coefficients[1] - 0.3) < 0.01)
        #expect(outcome.baselineRMSE == model.rmse)
        #expect(try #require(outcome.baselineRMSE) < 0.01)
        #expect(try #require(outcome.maxDrop) < 0.03)
    }

    @Test func clearingAlertsOnItsFirstDate() throws {
        let outcome = Self.monitor.evaluate(Self.series(Self.cleared(from: 52)))
        #expect(outcome.alertIndex == 52)
        #expect(outcome.anomalies == Array(52..<69))
        let maxDrop = try #require(outcome.maxDrop)
        #expect(abs(maxDrop - 0.4) < 0.03)
        // Right after the baseline.
        let early = Self.monitor.evaluate(Self.series(Self.cleared(from: 47)))
        #expect(early.alertIndex == 47)
    }

    @Test func singleDipRaisesNoAlertUnlessOneDateConfirms() {
        var values = Self.seasonal
        values[55] -= 0.4
        let outcome = Self.monitor.evaluate(Self.series(values))
        #expect(outcome.anomalies == [55])
        #expect(outcome.alertIndex == nil)
        var once = Self.monitor
        once.confirm = 1
        #expect(once.evaluate(Self.series(values)).alertIndex == 55)
        // Two dips apart: the normal date between breaks the run.
        values[57] -= 0.4
        #expect(Self.monitor.evaluate(Self.series(values)).anomalies == [55, 57])
        #expect(Self.monitor.evaluate(Self.series(values)).alertIndex == nil)
    }

    @Test func unusableDatesNeitherBreakNorRaise() {
        // 52 and 55 anomalous, 53 unusable (its value normal), 54 unobserved: one run of 2.
        var values = Self.seasonal
        values[52] -= 0.4
        values[55] -= 0.4
        var observations = Self.series(values)
        observations[53].usable = false
        observations[54].value = nil
        var outcome = Self.monitor.evaluate(observations)
        #expect(outcome.alertIndex == 52)
        #expect(outcome.anomalies == [52, 55])
        // 52 anomalous, 53 unusable though low, 54 normal: no run.
        values = Self.seasonal
        values[52] -= 0.4
        values[53] -= 0.4
        observations = Self.series(values)
        observations[53].usable = false
        outcome = Self.monitor.evaluate(observations)
        #expect(outcome.alertIndex == nil)
        #expect(outcome.anomalies == [52])
        // Without the flag, 53 confirms 52.
        #expect(Self.monitor.evaluate(Self.series(values)).alertIndex == 52)
    }

    @Test func sigmasRuleNeedsTheDropOverTheBaselineNoise() throws {
        var values = Self.seasonal
        values[60] -= 0.06
        values[61] -= 0.06
        var relative = Self.monitor
        relative.drop = 0
        let outcome = relative.evaluate(Self.series(values))
        let rmse = try #require(outcome.baselineRMSE)
        #expect(3 * rmse < 0.04)
        #expect(outcome.alertIndex == 60)
        #expect(outcome.anomalies == [60, 61])
        #expect(Self.monitor.evaluate(Self.series(values)).alertIndex == nil)  // under drop 0.2
        relative.sigmas = 0.08 / rmse
        #expect(relative.evaluate(Self.series(values)).alertIndex == nil)  // under 0.08
    }

    @Test func indicesReferToTheInputOrder() {
        let reversed = Array(Self.series(Self.cleared(from: 52)).reversed())
        let outcome = Self.monitor.evaluate(reversed)
        #expect(outcome.alertIndex == 68 - 52)
        #expect(outcome.anomalies == Array((0...(68 - 52)).reversed()))
    }

    @Test func tooFewBaselineDatesGiveANote() {
        var observations = Self.series(Self.cleared(from: 52))
        for i in 0..<46 where ![3, 20, 40].contains(i) { observations[i].usable = false }
        let outcome = Self.monitor.evaluate(observations)
        #expect(
            outcome.note == "only 3 observed dates in the baseline (at least 6 are needed for 1 harmonic): no alerts")
        #expect(outcome.model == nil && outcome.baselineRMSE == nil && outcome.maxDrop == nil)
        #expect(outcome.alertIndex == nil && outcome.anomalies.isEmpty)
        #expect(outcome.baselineCount == 3)
        var two = Self.monitor
        two.harmonics = 2
        #expect(two.minimumBaselineCount == 10)
        observations = Self.series(Self.seasonal)
        for i in 0..<46 where i % 6 != 0 { observations[i].value = nil }
        #expect(
            two.evaluate(observations).note
                == "only 8 observed dates in the baseline (at least 10 are needed for 2 harmonics): no alerts")
        observations = Self.series(Self.seasonal)
        for i in 0..<46 where i % 5 != 0 { observations[i].value = nil }
        let enough = two.evaluate(observations)
        #expect(enough.note == nil && enough.baselineCount == 10 && enough.model?.harmonics == 2)
    }

    @Test func validateNamesTheWrongParameter() {
        var monitor = Self.monitor
        #expect(throws: Never.self) { try monitor.validate() }
        monitor.harmonics = 0
        #expect(throws: VerdantError.invalidParameter(.harmonics, problem: "must be at least 1 (got 0)")) {
            try monitor.validate()
        }
        #expect(monitor.evaluate(Self.series(Self.seasonal)).note == "harmonics must be at least 1 (got 0)")
        let wrong: [(DisturbanceMonitor, Parameter)] = [
            (DisturbanceMonitor(baseline: 0...2, drop: -0.1), .drop),
            (DisturbanceMonitor(baseline: 0...2, drop: .nan), .drop),
            (DisturbanceMonitor(baseline: 0...2, drop: .infinity), .drop),
            (DisturbanceMonitor(baseline: 0...2, sigmas: -1), .sigmas),
            (DisturbanceMonitor(baseline: 0...2, sigmas: .infinity), .sigmas),
            (DisturbanceMonitor(baseline: 0...2, confirm: 0), .confirm),
            (DisturbanceMonitor(baseline: 0...Double.infinity), .seriesBaseline)
        ]
        for (monitor, parameter) in wrong {
            do {
                try monitor.validate()
                Issue.record("\(parameter) accepted")
            } catch let error as VerdantError {
                #expect(error.parameters.first == parameter)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        #expect(Parameter.seriesBaseline.name == "seriesBaseline" && Parameter.sigmas.name == "sigmas")
    }
}
