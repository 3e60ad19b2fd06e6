import Testing
import VerdantCore

@Suite struct TheilSenTests {
    @Test func matchesScipy() throws {
        let reference = try TimeSeriesReference.load()
        #expect(reference.theil_sen.count == 6)
        for (n, example) in reference.theil_sen.enumerated() {
            let x = TimeSeriesReference.numbers(example.x), y = TimeSeriesReference.numbers(example.y)
            let want = TimeSeriesReference.number(example.slope)
            let got = try #require(TheilSen.slope(x: x, y: y), "case \(n)")
            #expect(TimeSeriesReference.relativelyClose(got, want, 1e-12), "case \(n): \(got) vs scipy \(want)")
        }
    }

    @Test func exactOnALineAndRobustToAnOutlier() {
        let x: [Double] = [0, 1, 2, 3, 4, 5, 6]
        #expect(TheilSen.slope(x: x, y: x.map { 2 * $0 + 1 }) == 2)
        var y = x.map { -0.5 * $0 }
        y[3] = 100
        #expect(TheilSen.slope(x: x, y: y) == -0.5)
        // Slopes 1, 2.5, 4: the middle one.
        #expect(TheilSen.slope(x: [0, 1, 2], y: [0, 1, 5]) == 2.5)
        // Slopes 0, 0.5, 1, 4/3, 1.5, 3: the mean of the middle two.
        let middle: Double = (1 + 4.0 / 3) / 2
        #expect(TheilSen.slope(x: [0, 1, 2, 3], y: [0, 1, 1, 4]) == middle)
    }

    @Test func nilWithoutTwoDistinctX() {
        #expect(TheilSen.slope(x: [], y: []) == nil)
        #expect(TheilSen.slope(x: [1], y: [2]) == nil)
        #expect(TheilSen.slope(x: [2, 2, 2], y: [1, 5, 3]) == nil)
        // Pairs with equal x are left out, not counted as 0 or infinity.
        #expect(TheilSen.slope(x: [0, 0, 1], y: [0, 10, 1]) == -4)
    }
}
