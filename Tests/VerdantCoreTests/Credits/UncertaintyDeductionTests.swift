import Testing
@testable import VerdantCore

@Suite struct UncertaintyDeductionTests {
    @Test func deductionTableOfARTool14() {
        // AR-TOOL14's example: 60 ± 9 t/ha → U = 15 % → 25 % of the half-width = 2.25 t/ha.
        #expect(UncertaintyDeduction.deduction(estimate: 60, halfWidth: 9) == 2.25)
        // Every band edge.
        #expect(UncertaintyDeduction.share(u: 0.10) == 0)
        #expect(UncertaintyDeduction.share(u: 0.1000001) == 0.25)
        #expect(UncertaintyDeduction.share(u: 0.15) == 0.25)
        #expect(UncertaintyDeduction.share(u: 0.1500001) == 0.5)
        #expect(UncertaintyDeduction.share(u: 0.20) == 0.5)
        #expect(UncertaintyDeduction.share(u: 0.2000001) == 0.75)
        #expect(UncertaintyDeduction.share(u: 0.30) == 0.75)
        #expect(UncertaintyDeduction.share(u: 0.3000001) == 1)
        #expect(UncertaintyDeduction.deduction(estimate: 100, halfWidth: 5) == 0)
        #expect(UncertaintyDeduction.deduction(estimate: -10, halfWidth: 5) == 5, "a loss keeps the whole half-width")
    }
}
