import Testing
@testable import VerdantCore

@Suite("CoverageFractions")
struct CoverageFractionsTests {
    let coverage = CoverageFractions(
        window: CellWindow(column: 10, row: 20, width: 3, height: 2)!,
        fractions: [0, 0.25, 1, 0.5, 0, 0.125])!

    @Test("checks the fraction count")
    func validation() {
        #expect(
            CoverageFractions(window: CellWindow(column: 0, row: 0, width: 2, height: 2)!, fractions: [1, 1, 1]) == nil)
    }

    @Test("subscript in grid coordinates; 0 outside the window")
    func subscripts() {
        #expect(coverage[column: 11, row: 20] == 0.25)
        #expect(coverage[column: 10, row: 21] == 0.5)
        #expect(coverage[column: 12, row: 21] == 0.125)
        #expect(coverage[column: 13, row: 21] == 0)
        #expect(coverage[column: 10, row: 19] == 0)
    }

    @Test("sums, weighted sums and covered cells")
    func sums() {
        #expect(coverage.sum == 1.875)
        #expect(coverage.coveredCellCount == 4)
        // Weight = column × 100 + row; uncovered cells are never asked (their weight would be NaN).
        let weighted = coverage.weightedSum { column, row in
            coverage[column: column, row: row] == 0 ? .nan : Double(column * 100 + row)
        }
        let expected: Double = 0.25 * 1120 + 1220 + 0.5 * 1021 + 0.125 * 1221
        #expect(weighted == expected)
    }
}
