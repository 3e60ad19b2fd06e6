import Testing
import VerdantCore

/// The root-to-shoot option: a number or `mokany`, and stated factors keep the default's source.
@Suite struct RootShootTests {
    @Test func parsesNumbersAndMokany() {
        #expect(RootShoot(text: "0.27") == .ratio(0.27))
        #expect(RootShoot(text: "MOKANY") == .mokany && RootShoot(text: "mokany")?.description == "mokany")
        #expect(RootShoot(text: "-1") == .ratio(-1), "negative ratios parse; CarbonFactors.validate refuses them")
        #expect(RootShoot(text: "cairns") == nil && RootShoot(text: "") == nil)
    }

    @Test func statedFactors() throws {
        #expect(CarbonFactors.stated(rootShoot: 0, carbonFraction: 0.47) == .ipccDefault)
        let given = CarbonFactors.stated(rootShoot: 0.27, carbonFraction: 0.5)
        #expect(given.rootShoot == 0.27 && given.carbonFraction == 0.5)
        #expect(given.source == "given by the caller (rootShoot 0.27, carbonFraction 0.5)")
        #expect(throws: VerdantError.invalidParameter(.rootShoot, problem: "must be a number ≥ 0 (got -1.0)")) {
            try CarbonFactors.stated(rootShoot: -1, carbonFraction: 0.47).validate()
        }
    }
}
