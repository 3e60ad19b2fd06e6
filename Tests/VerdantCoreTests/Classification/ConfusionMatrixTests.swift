import Testing
import VerdantCore

/// Confusion matrices: overall, user's and producer's accuracy, F1 and Cohen's kappa by hand.
@Suite struct ConfusionMatrixTests {
    @Test func metricsOfAHandComputed3x3() throws {
        // Rows reference, columns map:
        //        map a  b  c | total
        // ref a     8  1  1 |  10
        //     b     2  6  2 |  10
        //     c     0  3 17 |  20
        // total    10 10 20 |  40
        let m = try #require(ConfusionMatrix(rows: [[8, 1, 1], [2, 6, 2], [0, 3, 17]]))
        #expect(m.total == 40 && m[reference: 2, map: 1] == 3)
        #expect(m.overallAccuracy == 31.0 / 40)  // (8 + 6 + 17)/40
        #expect(m.userAccuracy(0) == 0.8 && m.userAccuracy(1) == 0.6 && m.userAccuracy(2) == 17.0 / 20)
        #expect(m.producerAccuracy(0) == 0.8 && m.producerAccuracy(1) == 0.6 && m.producerAccuracy(2) == 17.0 / 20)
        // p₀ = 0.775, pₑ = (10·10 + 10·10 + 20·20)/1600 = 0.375, κ = 0.4/0.625 = 0.64.
        #expect(abs(m.kappa! - 0.64) < 1e-15)
        #expect(abs(m.f1(1)! - 0.6) < 1e-15)
        #expect(m.mapByReference == [[8, 2, 0], [1, 6, 3], [1, 2, 17]])
        // Asymmetric: F1 of class 0 in a matrix where user's and producer's accuracy differ.
        let skew = try #require(ConfusionMatrix(rows: [[3, 1], [2, 4]]))
        // U₀ = 3/5, P₀ = 3/4, F1 = 2·0.6·0.75/1.35 = 2/3.
        #expect(skew.userAccuracy(0) == 0.6 && skew.producerAccuracy(0) == 0.75)
        #expect(abs(skew.f1(0)! - 2.0 / 3) < 1e-15)
    }

    @Test func kappaOfTheTextbookExample() throws {
        // Two raters, 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15. p₀ = 0.7,
        // pₑ = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
        let m = try #require(ConfusionMatrix(rows: [[20, 5], [10, 15]]))
        #expect(abs(m.kappa! - 0.4) < 1e-15)
        // Perfect agreement is 1; chance agreement of one class only is undefined.
        #expect(ConfusionMatrix(rows: [[5, 0], [0, 5]])!.kappa == 1)
        #expect(ConfusionMatrix(rows: [[5, 0], [0, 0]])!.kappa == nil)
    }

    @Test func countsPairsAndWeights() {
        var m = ConfusionMatrix(reference: [0, 0, 1, 2], map: [0, 1, 1, 2], classCount: 3, weights: [1, 2, 0.5, 3])
        #expect(m[reference: 0, map: 1] == 2 && m.total == 6.5)
        m.add(ConfusionMatrix(reference: [2], map: [0], classCount: 3))
        #expect(m[reference: 2, map: 0] == 1 && m.referenceTotal(2) == 4 && m.mapTotal(0) == 2)
        let empty = ConfusionMatrix(classCount: 2)
        #expect(empty.overallAccuracy == nil && empty.userAccuracy(0) == nil && empty.f1(1) == nil)
        #expect(ConfusionMatrix(rows: [[1, 2]]) == nil)
    }
}
