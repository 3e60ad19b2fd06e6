import Testing
@testable import Verdant

@Suite struct CellRunsTests {
    @Test func cellRunsAreSortedAndMerged() {
        #expect(CellRuns(union: [5..<8, 0..<2, 7..<10, 2..<3, 20..<20, 12..<14]).ranges == [0..<3, 5..<10, 12..<14])
        #expect(CellRuns(union: []).ranges.isEmpty && CellRuns(all: 0).ranges.isEmpty)
        #expect(CellRuns(all: 9).ranges == [0..<9] && CellRuns(union: [3..<9, 0..<4]).cellCount == 9)
    }
}
