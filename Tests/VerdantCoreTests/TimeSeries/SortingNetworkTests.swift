import Testing
import TestSupport
import VerdantCore

@Suite struct SortingNetworkTests {
    /// The 0–1 principle: a comparator network that sorts every sequence of zeros and ones sorts everything.
    @Test(arguments: Array(0...14))
    func sortsEveryZeroOneSequence(count: Int) {
        let network = SortingNetwork(count: count)
        var unsorted = 0
        for bits in 0..<(1 << count) {
            var v = (0..<count).map { SIMD2<Int>(repeating: (bits >> $0) & 1) }
            network.sort(&v)
            if !zip(v, v.dropFirst()).allSatisfy({ $0[0] <= $1[0] }) { unsorted += 1 }
        }
        #expect(unsorted == 0)
    }

    @Test func sortsEachLaneOfRandomValuesAsSortDoes() {
        var random = SplitMix64(seed: 7)
        for count in [1, 2, 3, 5, 12, 13, 24, 37] {
            let network = SortingNetwork(count: count)
            let lanes = (0..<4).map { _ in (0..<count).map { _ in Double(random.next() % 1000) / 7 - 50 } }
            var v = (0..<count).map { d in SIMD4<Double>(lanes[0][d], lanes[1][d], lanes[2][d], lanes[3][d]) }
            network.sort(&v)
            for k in 0..<4 { #expect(v.map { $0[k] } == lanes[k].sorted(), "count \(count), lane \(k)") }
        }
    }

    @Test func twelveDatesTakeFewComparators() {
        // Batcher's network for 16 has 63 comparators; the ones inside 12 positions are fewer, and the insertion
        // sort it replaces takes up to 66 compare-and-moves.
        #expect(SortingNetwork(count: 12).comparators.count < 63)
        #expect(SortingNetwork(count: 1).comparators.isEmpty && SortingNetwork(count: 0).comparators.isEmpty)
        #expect(SortingNetwork(count: 12).comparators.allSatisfy { $0.low < $0.high && $0.high < 12 })
    }
}
