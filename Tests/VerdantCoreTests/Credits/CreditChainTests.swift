import Testing
@testable import VerdantCore

/// The one chain from a change in stock to net removals, used for parcels and totals alike.
@Suite struct CreditChainTests {
    @Test func handComputed() {
        // 100 − 0 (no interval) − 10 baseline = 90; leakage 10 % = 9; 81 left; buffer 20 % = 16.2; net 64.8.
        let c = CreditChain(change: 100, halfWidth: nil, baseline: 10, leakagePct: 10, bufferPct: 20)
        #expect(c.deduction == 0 && c.leakage == 9 && abs(c.buffer - 16.2) < 1e-12 && abs(c.netRemovals - 64.8) < 1e-12)
        // A loss has no leakage and no buffer: the net is the loss itself.
        let loss = CreditChain(change: -50, halfWidth: nil, baseline: 0, leakagePct: 10, bufferPct: 20)
        #expect(loss.leakage == 0 && loss.buffer == 0 && loss.netRemovals == -50)
        // With an interval, the deduction comes first and leakage is taken on what remains.
        let d = CreditChain(change: 100, halfWidth: 30, baseline: 0, leakagePct: 10, bufferPct: 0)
        #expect(d.deduction == UncertaintyDeduction.deduction(estimate: 100, halfWidth: 30))
        #expect(abs(d.leakage - 0.1 * (100 - d.deduction)) < 1e-12)
    }
}
