import Testing
@testable import VerdantCore

@Suite struct MaskRulesTests {
    @Test func sclClasses() {
        let rules = MaskRules()
        #expect(
            rules.status(scl: 4) == .observed && rules.status(scl: 5) == .observed && rules.status(scl: 6) == .observed)
        for c in [3.0, 8, 9, 10] { #expect(rules.status(scl: c) == .cloud) }
        for c in [0.0, 1] { #expect(rules.status(scl: c) == .noData) }
        #expect(rules.status(scl: .nan) == .noData)
        var water = MaskRules()
        water.sclExclude.insert(6)
        #expect(water.status(scl: 6) == .masked)
    }

    @Test func qaPixelBits() throws {
        let rules = MaskRules()
        #expect(rules.status(qa: 21824) == .observed, "clear land (bit 6 set, confidences low)")
        #expect(rules.status(qa: 1) == .noData, "fill")
        func bits(_ list: Int...) -> Double { Double(list.reduce(0) { $0 | (1 << $1) }) }
        #expect(rules.status(qa: bits(3, 6)) == .cloud)
        #expect(rules.status(qa: bits(4)) == .cloud, "shadow")
        #expect(rules.status(qa: bits(2)) == .cloud, "cirrus")
        #expect(rules.status(qa: bits(1)) == .cloud, "dilated cloud")
        #expect(rules.status(qa: bits(7)) == .observed, "water kept by default")
        let water = MaskRules(qaExcludeBits: [0, 1, 2, 3, 4, 7])
        #expect(water.status(qa: bits(7)) == .masked)
        #expect(try MaskRules.integers("0, 1,3", option: "x") == [0, 1, 3])
        #expect(throws: VerdantError.self) { try MaskRules.integers("0,a", option: "x") }
        #expect(try MaskRules.range("0,1") == 0...1)
        #expect(throws: VerdantError.self) { try MaskRules.range("1,0") }
    }
}

/// The one QA rule against a bit-by-bit reading of the USGS definition, for every 16-bit flag word.
@Suite struct QAMasksTests {
    @Test(arguments: [
        MaskRules.defaultQAExcludeBits, [0, 5, 7], [3], [], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
    ])
    func sameAsBitByBit(bits: Set<Int>) {
        let masks = MaskRules.QAMasks(bits)
        for flags in 0..<(1 << 16) {
            var expected = CellStatus.observed
            if bits.contains(0) && flags & 1 != 0 {
                expected = .noData
            } else {
                for bit in bits.sorted() where bit != 0 && flags & (1 << bit) != 0 {
                    if MaskRules.qaCloudBits.contains(bit) { expected = .cloud; break }
                    expected = .masked
                }
            }
            if masks.status(Double(flags)) != expected { Issue.record("flags \(flags), bits \(bits.sorted())"); return }
        }
        #expect(masks.status(.nan) == .noData && masks.status(-1) == .noData && masks.status(1e300) == .noData)
    }
}
