import Foundation
import Testing
import VerdantCore

@Suite struct MannKendallTests {
    @Test func matchesPymannkendall() throws {
        let reference = try TimeSeriesReference.load()
        #expect(reference.mann_kendall.count == 8)
        for (n, example) in reference.mann_kendall.enumerated() {
            let values = TimeSeriesReference.numbers(example.values)
            let test = try #require(MannKendall(values), "case \(n)")
            #expect(test.n == values.count)
            #expect(test.s == example.s, "case \(n)")
            let variance = TimeSeriesReference.number(example.var_s)
            #expect(TimeSeriesReference.relativelyClose(test.variance, variance, 1e-12), "case \(n): var")
            let z = TimeSeriesReference.number(example.z)
            if z == 0 {
                #expect(test.z == 0)
            } else {
                #expect(TimeSeriesReference.relativelyClose(test.z, z, 1e-12), "case \(n): z \(test.z) vs \(z)")
            }
            // pymannkendall's p is 2(1 − Φ(|z|)), accurate to about 1e-16 absolutely; erfc keeps relative accuracy.
            let p = TimeSeriesReference.number(example.p), pErfc = TimeSeriesReference.number(example.p_erfc)
            #expect(abs(test.p - p) <= 1e-12, "case \(n): p \(test.p) vs \(p)")
            #expect(TimeSeriesReference.relativelyClose(test.p, pErfc, 1e-12), "case \(n): p \(test.p) vs \(pErfc)")
        }
    }

    @Test func fixtureHasTiesAndEverySign() throws {
        let reference = try TimeSeriesReference.load()
        let signs = Set(reference.mann_kendall.map { $0.s.signum() })
        #expect(signs == [-1, 0, 1])
        let tied = reference.mann_kendall.filter { Set($0.values).count < $0.values.count }
        #expect(tied.count >= 3)
    }

    @Test func byHand() throws {
        // 1, 2, 3: S = 3, variance 3·2·11/18 = 11/3, z = 2/√(11/3).
        let rising = try #require(MannKendall([1, 2, 3]))
        #expect(rising.s == 3)
        #expect(rising.variance == 11.0 / 3)
        #expect(rising.z == 2 / (11.0 / 3).squareRoot())
        #expect(abs(rising.p - 0.2962) < 1e-4)
        // 3, 3, 3, 1: S = −3; one group of 3 ties: variance (4·3·13 − 3·2·11)/18 = 90/18 = 5; z = −2/√5.
        let falling = try #require(MannKendall([3, 3, 3, 1]))
        #expect(falling.s == -3)
        #expect(falling.variance == 5)
        #expect(falling.z == -2 / 5.0.squareRoot())
        #expect(falling.p == erfc(2 / 5.0.squareRoot() / 2.0.squareRoot()))
        // S = 0: z = 0, p = 1.
        let flat = try #require(MannKendall([1, 2, 1]))
        #expect(flat.s == 0 && flat.z == 0 && flat.p == 1)
    }

    @Test func publishedExample() throws {
        // "A Mann-Kendall Example (By Hand)", College of the Holy Cross (mathcs.holycross.edu/~little/Montserrat/
        // MannKendallByHand.txt): 14 values with one pair of ties, S = 54, V = (14)(13)(33)/18 − (2)(1)(9)/18,
        // Z = (S − 1)/√V = 2.9058, p ≈ .0018 from the normal table (one-sided: half the two-sided p).
        let values = [12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7]
        let test = try #require(MannKendall(values))
        #expect(test.n == 14)
        #expect(test.s == 54)
        #expect(abs(test.variance - (14.0 * 13 * 33 / 18 - 2.0 * 1 * 9 / 18)) < 1e-12)
        #expect(abs(test.z - 2.9058) < 5e-5)
        #expect(abs(test.p / 2 - 0.0018) < 5e-5)
    }

    @Test func leavesNaNOutAndNeedsThreeValues() {
        #expect(MannKendall([1, .nan, 2, 3]) == MannKendall([1, 2, 3]))
        #expect(MannKendall([1, 2]) == nil)
        #expect(MannKendall([1, .nan, 2]) == nil)
        #expect(MannKendall([4, 4, 4, 4]) == nil)
    }
}
