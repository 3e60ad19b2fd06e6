import Testing

@testable import Verdant

@Suite struct OverviewReductionTests {
    @Test func averagesTheValidCellsOfEachTwoByTwoAndKeepsOddEdges() {
        // A 4-wide tile holding 3 × 3 cells; NaN and the nodata value -9 hold no value.
        let n = Float.nan
        let source: [Float] = [
            1, 2, 3, 0,
            3, n, -9, 0,
            n, n, 6, 0,
            0, 0, 0, 0
        ]
        var target = [Float](repeating: 99, count: 4)
        source.withUnsafeBytes { s in
            target.withUnsafeMutableBytes { t in
                OverviewReduction.averageFloat32.reduce(s, width: 3, height: 3, tileSize: 4, into: t, noData: -9)
            }
        }
        // (1 + 2 + 3) / 3; 3 (only cell of the right column's pair that has a value); nodata; 6.
        #expect(target == [2, 3, -9, 6])
    }

    @Test func integerCellsTakeTheTopLeftCell() {
        let source: [UInt16] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
        var target = [UInt16](repeating: 0, count: 4)
        source.withUnsafeBytes { s in
            target.withUnsafeMutableBytes { t in
                OverviewReduction.nearest(bytes: 2).reduce(s, width: 4, height: 4, tileSize: 4, into: t, noData: 0)
            }
        }
        #expect(target == [1, 3, 9, 11])
    }
}
