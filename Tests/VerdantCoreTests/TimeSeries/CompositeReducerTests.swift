import Testing
import VerdantCore

/// Composites agree bit for bit with numpy's nan-reductions over the dates axis (Tests/Fixtures/timeseries/).
@Suite struct CompositeReducerTests {
    @Test func fixtureCoversTheMethods() throws {
        let reference = try TimeSeriesReference.load()
        #expect(reference.composites.count == 3)
        #expect(reference.percentiles == [0, 10, 25, 50, 90, 100, 2.5, 33.3])
        for composite in reference.composites {
            #expect(
                Set(composite.results.keys)
                    == ["median", "mean", "min", "max", "p0", "p10", "p25", "p50", "p90", "p100", "p2.5", "p33.3"])
        }
    }

    @Test func matchesNumpyBitForBit() throws {
        let reference = try TimeSeriesReference.load()
        var compared = 0
        for composite in reference.composites {
            let stack = composite.stack.map(TimeSeriesReference.numbers)
            let cells = stack[0].count
            for (text, wanted) in composite.results {
                let method = try CompositeMethod(parsing: text)
                #expect(method.description == text)
                for cell in 0..<cells {
                    var values = stack.map { $0[cell] }
                    let got = CompositeReducer.reduce(&values, method: method)
                    let want = TimeSeriesReference.number(wanted[cell])
                    #expect(
                        TimeSeriesReference.identical(got, want),
                        "\(composite.name), \(text), cell \(cell): \(got) vs numpy \(want)")
                    compared += 1
                }
            }
        }
        #expect(compared == 12 * (80 + 80 + 40))
    }

    @Test func greatestMatchesNanargmax() throws {
        let reference = try TimeSeriesReference.load()
        for composite in reference.composites {
            let stack = composite.stack.map(TimeSeriesReference.numbers)
            for cell in composite.argmax.indices {
                let got = CompositeReducer.greatest(stack.map { $0[cell] })
                let want = composite.argmax[cell]
                #expect(got == (want < 0 ? nil : want), "\(composite.name), cell \(cell)")
            }
        }
    }

    @Test func percentileUsesNumpysTwoSidedLerp() {
        // Between 0.1 and 0.7 at the fraction 0.7 (p70 of two values): numpy's b − (b − a)(1 − f), not a + (b − a)f.
        let a = 0.1, b = 0.7, f = 0.7
        #expect(b - (b - a) * (1 - f) != a + (b - a) * f)
        var values = [0.7, .nan, 0.1]
        #expect(CompositeReducer.reduce(&values, method: .percentile(70)) == b - (b - a) * (1 - f))
        var low = [0.7, 0.1]
        #expect(CompositeReducer.reduce(&low, method: .percentile(30)) == a + (b - a) * 0.3)
    }

    @Test func smallCases() {
        var values = [3.0, .nan, 1, 2, 10]
        #expect(CompositeReducer.reduce(&values, method: .median) == 2.5)
        values = [3.0, .nan, 1, 2, 10]
        #expect(CompositeReducer.reduce(&values, method: .mean) == 4)
        values = [3.0, .nan, 1, 2, 10]
        #expect(CompositeReducer.reduce(&values, method: .min) == 1)
        values = [3.0, .nan, 1, 2, 10]
        #expect(CompositeReducer.reduce(&values, method: .max) == 10)
        values = [3.0, .nan, 1, 2, 10]
        #expect(CompositeReducer.reduce(&values, method: .percentile(100)) == 10)
        values = [3.0, .nan, 1, 2, 10]
        #expect(CompositeReducer.reduce(&values, method: .percentile(0)) == 1)
        values = [.nan, .nan]
        #expect(CompositeReducer.reduce(&values, method: .median).isNaN)
        values = []
        #expect(CompositeReducer.reduce(&values, method: .mean).isNaN)
        values = [.infinity, 0.5]
        #expect(CompositeReducer.reduce(&values, method: .max) == 0.5)
    }

    @Test func greatestTakesTheEarliestOfEquals() {
        #expect(CompositeReducer.greatest([0.2, .nan, 0.8, 0.8, 0.1]) == 2)
        #expect(CompositeReducer.greatest([.nan, -0.3]) == 1)
        #expect(CompositeReducer.greatest([.nan, .nan]) == nil)
        #expect(CompositeReducer.greatest([]) == nil)
    }
}
