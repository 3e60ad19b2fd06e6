import Testing
import VerdantCore

/// The worked example of Olofsson et al. (2014, section 5), against the paper's equations computed with numpy
/// (Tests/Fixtures/classification/make_fixtures.py) and by hand.
@Suite struct StratifiedAreaEstimateTests {
    @Test func reproducesTheWorkedExample() throws {
        let o = try ClassificationReference.load().olofsson
        let e = try StratifiedAreaEstimate(mappedAreas: o.mapped_pixels, mapByReference: o.map_by_reference)
        typealias R = ClassificationReference
        let want = (
            proportion: R.numbers(o.proportion), proportionSE: R.numbers(o.proportion_se), area: R.numbers(o.area),
            areaSE: R.numbers(o.area_se), users: R.numbers(o.users), usersSE: R.numbers(o.users_se),
            producers: R.numbers(o.producers), producersSE: R.numbers(o.producers_se)
        )
        for j in 0..<4 {
            let c = e.classes[j]
            #expect(
                R.close(c.proportion, want.proportion[j]) && R.close(c.proportionStandardError, want.proportionSE[j]))
            #expect(R.close(c.area, want.area[j]) && R.close(c.areaStandardError, want.areaSE[j]))
            #expect(R.close(c.userAccuracy!, want.users[j]) && R.close(c.userAccuracyStandardError!, want.usersSE[j]))
            #expect(R.close(c.producerAccuracy!, want.producers[j]))
            #expect(R.close(c.producerAccuracyStandardError!, want.producersSE[j]))
        }
        #expect(
            R.close(e.overallAccuracy, Double(o.overall)!)
                && R.close(e.overallAccuracyStandardError, Double(o.overall_se)!))
        // By hand, deforestation: W = 0.02, 0.015, 0.32, 0.645;
        // p̂.₁ = 0.02·66/75 + 0.015·0/75 + 0.32·1/165 + 0.645·2/325 = 0.0235086…, Â₁ = 10⁷ p̂.₁ ≈ 235,086 pixels.
        let hand = 0.02 * 66 / 75 + 0.32 * 1 / 165 + 0.645 * 2 / 325
        #expect(R.close(e.classes[0].proportion, hand, 1e-14))
        // The paper's published figures (30 m pixels, 0.09 ha each), rounded as printed: areas 21,158 ± 6,158 ha,
        // 11,686 ± 3,756, 285,770 ± 15,510 and 581,386 ± 16,282 (± the 95 % margin); user's accuracy 0.88, 0.73,
        // 0.93, 0.96; producer's 0.75, 0.85, 0.93, 0.96; overall 0.95.
        let hectares = e.classes.map { ($0.area * 0.09).rounded() },
            margins = e.classes.map { ($0.areaMargin95 * 0.09).rounded() }
        #expect(hectares == [21158, 11686, 285770, 581386] && margins == [6158, 3756, 15510, 16282])
        #expect(e.classes.map { ($0.userAccuracy! * 100).rounded() } == [88, 73, 93, 96])
        #expect(e.classes.map { ($0.producerAccuracy! * 100).rounded() } == [75, 85, 93, 96])
        #expect((e.overallAccuracy * 100).rounded() == 95 && e.totalArea == 10_000_000)
        #expect(e.classes[0].areaInterval95.lowerBound == e.classes[0].area - e.classes[0].areaMargin95)
    }

    @Test func confusionMatrixIsTransposed() throws {
        let o = try ClassificationReference.load().olofsson
        // A ConfusionMatrix has rows reference: the transpose of the paper's layout.
        var rows = o.map_by_reference
        for i in 0..<4 { for j in 0..<4 { rows[j][i] = o.map_by_reference[i][j] } }
        let m = try #require(ConfusionMatrix(rows: rows))
        let a = try StratifiedAreaEstimate(mappedAreas: o.mapped_pixels, confusion: m)
        let b = try StratifiedAreaEstimate(mappedAreas: o.mapped_pixels, mapByReference: o.map_by_reference)
        #expect(a == b)
    }

    @Test func refusesStrataWithoutEnoughSamples() {
        #expect(throws: VerdantError.self) {
            try StratifiedAreaEstimate(mappedAreas: [10, 10], mapByReference: [[5, 0], [1, 0]])
        }
        #expect(throws: VerdantError.self) { try StratifiedAreaEstimate(mappedAreas: [10], mapByReference: [[5, 0]]) }
        #expect(throws: VerdantError.self) {
            try StratifiedAreaEstimate(mappedAreas: [-1, 10], mapByReference: [[5, 0], [1, 4]])
        }
        // A class with no mapped area needs no sample; it can still be found in the reference.
        let e = try? StratifiedAreaEstimate(mappedAreas: [10, 0], mapByReference: [[4, 1], [0, 0]])
        #expect(e?.classes[1].proportion == 0.2 && e?.classes[1].userAccuracy == nil)
        #expect(e?.classes[1].producerAccuracy == 0)
    }
}
