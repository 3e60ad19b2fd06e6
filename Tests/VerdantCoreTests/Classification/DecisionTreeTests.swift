import Testing
import VerdantCore

/// Single CART trees: exact fits, midpoint thresholds, zero-gain splits, well-formedness.
@Suite struct DecisionTreeTests {
    @Test func separableDataSplitsOnceAtTheMidpoint() throws {
        let x = FeatureMatrix(rows: [[1, 9], [2, 7], [4, 8], [5, 7.5]])!
        let tree = try DecisionTree.fit(features: x, labels: [0, 0, 1, 1], classCount: 2)
        #expect(tree.nodeCount == 3 && tree.leafCount == 2 && tree.depth == 1)
        // Feature 0 separates the classes perfectly (between 2 and 4), feature 1 does not.
        #expect(tree.feature[0] == 0 && tree.threshold[0] == 3)
        #expect(tree.classify([3, 0]) == 0 && tree.classify([3.0001, 0]) == 1)
        #expect(tree.isWellFormed(features: 2, classCount: 2))
    }

    @Test func fitsSeparableClustersPerfectly() throws {
        var g = SeededGenerator(seed: 3)
        var rows: [[Float]] = [], labels: [Int] = []
        for i in 0..<300 {
            let c = i % 3
            rows.append([Float(c) * 10 + Float(g.unitDouble()), Float(g.unitDouble()), Float(g.unitDouble())])
            labels.append(c)
        }
        let x = FeatureMatrix(rows: rows)!
        let tree = try DecisionTree.fit(features: x, labels: labels, classCount: 3, candidateFeatures: 1, seed: 9)
        for i in 0..<x.samples { #expect(tree.classify(x.row(i)) == labels[i]) }
    }

    @Test func xorNeedsAZeroGainSplitFirst() throws {
        // No single split of XOR lowers the Gini impurity; the tree splits anyway and fits every point.
        let x = FeatureMatrix(rows: [[0, 0], [1, 1], [0, 1], [1, 0]])!
        let labels = [0, 0, 1, 1]
        let tree = try DecisionTree.fit(features: x, labels: labels, classCount: 2)
        #expect(tree.leafCount == 4 && tree.depth == 2)
        for i in 0..<4 { #expect(tree.classify(x.row(i)) == labels[i]) }
        // A jittered XOR grid, every quadrant of 25 points.
        var g = SeededGenerator(seed: 1)
        var rows: [[Float]] = [], grid: [Int] = []
        for _ in 0..<100 {
            let a = g.unitDouble() - 0.5, b = g.unitDouble() - 0.5
            rows.append([Float(a), Float(b)])
            grid.append((a < 0) != (b < 0) ? 1 : 0)
        }
        let jittered = FeatureMatrix(rows: rows)!
        let fitted = try DecisionTree.fit(features: jittered, labels: grid, classCount: 2)
        for i in 0..<100 { #expect(fitted.classify(jittered.row(i)) == grid[i]) }
    }

    @Test func identicalFeaturesWithDifferentClassesMakeAMajorityLeaf() throws {
        let x = FeatureMatrix(rows: [[1], [1], [1], [2]])!
        let tree = try DecisionTree.fit(features: x, labels: [1, 0, 1, 0], classCount: 2)
        #expect(tree.classify([1]) == 1 && tree.classify([2]) == 0)
        let tie = try DecisionTree.fit(features: FeatureMatrix(rows: [[1], [1]])!, labels: [1, 0], classCount: 2)
        #expect(tie.nodeCount == 1 && tie.classify([5]) == 0)  // ties go to the lowest class
    }

    @Test func wellFormednessCatchesBrokenTrees() {
        let good = DecisionTree(feature: [0, -1, -1], threshold: [0.5, 0, 0], child: [1, 0, 1])
        #expect(good.isWellFormed(features: 1, classCount: 2))
        #expect(!good.isWellFormed(features: 1, classCount: 1))  // leaf class 1 out of range
        #expect(!good.isWellFormed(features: 0, classCount: 2))  // feature 0 out of range
        #expect(
            !DecisionTree(feature: [0, -1], threshold: [0.5, 0], child: [1, 0]).isWellFormed(features: 1, classCount: 2)
        )
        #expect(
            !DecisionTree(feature: [0, -1, -1], threshold: [.nan, 0, 0], child: [1, 0, 1]).isWellFormed(
                features: 1, classCount: 2))
        #expect(
            !DecisionTree(feature: [0, 0, -1], threshold: [0.5, 0.5, 0], child: [1, 0, 1]).isWellFormed(
                features: 1, classCount: 2))
        #expect(!DecisionTree(feature: [], threshold: [], child: []).isWellFormed(features: 1, classCount: 2))
    }

    @Test func refusesWhatCannotBeTrained() {
        let x = FeatureMatrix(rows: [[1], [2]])!
        #expect(throws: VerdantError.self) { try DecisionTree.fit(features: x, labels: [0, 0], classCount: 2) }
        #expect(throws: VerdantError.self) { try DecisionTree.fit(features: x, labels: [0, 2], classCount: 2) }
        #expect(throws: VerdantError.self) { try DecisionTree.fit(features: x, labels: [0], classCount: 2) }
        let nan = FeatureMatrix(rows: [[1], [.nan]])!
        #expect(throws: VerdantError.self) { try DecisionTree.fit(features: nan, labels: [0, 1], classCount: 2) }
        #expect(throws: VerdantError.self) {
            try DecisionTree.fit(features: x, labels: [0, 1], classCount: 2, candidateFeatures: 2)
        }
        #expect(FeatureMatrix(values: [1, 2, 3], features: 2) == nil && FeatureMatrix(rows: [[1], [1, 2]]) == nil)
    }
}
