import Foundation
import Testing
import VerdantCore

/// Random forests: reproducible for a seed on any thread count, out-of-bag accuracy, model files, prediction.
@Suite struct RandomForestTests {
    /// Two Gaussian classes in `features` dimensions, means 0 and `separation` in every feature, unit variance.
    static func mixture(
        samples: Int, features: Int = 2, separation: Double = 1.5, seed: UInt64 = 5
    ) -> (
        FeatureMatrix, [Int]
    ) {
        var g = SeededGenerator(seed: seed)
        var values: [Float] = [], labels: [Int] = []
        for _ in 0..<samples {
            let c = g.index(below: 2)
            labels.append(c)
            for _ in 0..<features {
                let u = max(g.unitDouble(), 1e-300), v = g.unitDouble()
                values.append(Float(Double(c) * separation + (-2 * log(u)).squareRoot() * cos(2 * .pi * v)))
            }
        }
        return (FeatureMatrix(values: values, features: features)!, labels)
    }

    @Test func sameSeedSameForestAndVotes() throws {
        let (x, y) = Self.mixture(samples: 400, features: 4)
        let a = try RandomForest.train(features: x, labels: y, classNames: ["a", "b"], trees: 15, seed: 11)
        let b = try RandomForest.train(features: x, labels: y, classNames: ["a", "b"], trees: 15, seed: 11)
        let c = try RandomForest.train(features: x, labels: y, classNames: ["a", "b"], trees: 15, seed: 12)
        #expect(a.forest == b.forest && a.outOfBag == b.outOfBag)
        #expect(a.forest != c.forest)
        #expect(a.forest.candidateFeatures == 2 && a.forest.featureNames == ["x0", "x1", "x2", "x3"])
        // Each sample is out of a bootstrap with probability (1 − 1/n)ⁿ ≈ e⁻¹.
        let outOfBagVotes = Double(a.outOfBag.votes.reduce(0, +)) / Double(x.samples * 15)
        #expect(abs(outOfBagVotes - exp(-1)) < 0.03)
        // Trees differ from one another (their own bootstrap and draws).
        #expect(Set(a.forest.trees).count == 15)
    }

    @Test func oneTwoAndEightThreadsGiveTheSameForest() throws {
        let (x, y) = Self.mixture(samples: 1500, features: 5)
        let runs = try [1, 2, 8].map {
            try RandomForest.train(features: x, labels: y, classNames: ["a", "b"], trees: 24, seed: 99, threads: $0)
        }
        #expect(runs[0].forest == runs[1].forest && runs[0].forest == runs[2].forest)
        #expect(runs[0].outOfBag == runs[1].outOfBag && runs[0].outOfBag == runs[2].outOfBag)
        var maps: [[Int]] = []
        for run in runs {
            var classes: [Int] = [], shares: [Float] = []
            run.forest.predict(matrix: x, into: &classes, shares: &shares)
            maps.append(classes)
        }
        #expect(maps[0] == maps[1] && maps[0] == maps[2])
    }

    @Test func outOfBagAccuracyOfANoisyMixture() throws {
        // Bayes accuracy Φ(1.5·√2/2) ≈ 0.855; fully grown trees overfit the noise a little.
        let (x, y) = Self.mixture(samples: 2000)
        let (forest, outOfBag) = try RandomForest.train(features: x, labels: y, classNames: ["a", "b"], seed: 1)
        let accuracy = try #require(outOfBag.accuracy)
        #expect(accuracy > 0.76 && accuracy < 0.87, "OOB accuracy \(accuracy)")
        #expect(outOfBag.scoredSamples == 2000)
        // The training samples themselves are fitted almost perfectly (every tree fits its bootstrap).
        var classes: [Int] = []
        forest.predict(matrix: x, into: &classes)
        let fitted = Double(zip(classes, y).filter { $0 == $1 }.count) / 2000
        #expect(fitted > 0.97)
    }

    @Test func batchAndSinglePredictionsAgree() throws {
        let (x, y) = Self.mixture(samples: 600, features: 3)
        let (forest, _) = try RandomForest.train(features: x, labels: y, classNames: ["a", "b"], trees: 31, seed: 4)
        var classes: [Int] = [], shares: [Float] = []
        forest.predictor().predict(matrix: x, into: &classes, shares: &shares)
        #expect(classes.count == 600 && shares.count == 600)
        for i in 0..<x.samples {
            let one = forest.predict(x.row(i))
            #expect(one.classIndex == classes[i] && one.share == shares[i])
            #expect(one.share == Float(one.votes) / 31 && one.votes >= 16)
            var votes = [0, 0]
            for tree in forest.trees { votes[tree.classify(x.row(i))] += 1 }
            #expect(votes[one.classIndex] == one.votes)
        }
    }

    @Test func tiesGoToTheLowestClass() {
        let toZero = DecisionTree(feature: [-1], threshold: [0], child: [0])
        let toOne = DecisionTree(feature: [-1], threshold: [0], child: [1])
        let forest = RandomForest(
            featureNames: ["x"], classNames: ["a", "b"], candidateFeatures: 1, seed: 0, trees: [toOne, toZero])
        #expect(forest.predict([0]) == RandomForest.Prediction(classIndex: 0, votes: 1, share: 0.5))
        var classes: [Int] = []
        forest.predict(matrix: FeatureMatrix(rows: [[0], [1]])!, into: &classes)
        #expect(classes == [0, 0])
    }

    @Test func modelFileRoundTrip() throws {
        let (x, y) = Self.mixture(samples: 300, features: 3)
        let (forest, _) = try RandomForest.train(
            features: x, labels: y, classNames: ["forest", "water"], featureNames: ["red", "nir", "ndvi"],
            trees: 7, seed: 123_456_789_012_345)
        let data = try JSONEncoder().encode(forest)
        let read = try JSONDecoder().decode(RandomForest.self, from: data)
        #expect(read == forest)
        try read.validate()
        var broken = read
        broken.trees[3].child[0] = 0
        #expect(throws: VerdantError.self) { try broken.validate() }
        broken = read
        broken.classNames = ["forest"]
        #expect(throws: VerdantError.self) { try broken.validate() }
    }

    @Test func refusesBadParameters() {
        let (x, y) = Self.mixture(samples: 50)
        #expect(throws: VerdantError.invalidParameter(.trees, problem: "must be at least 1 (got 0)")) {
            try RandomForest.train(features: x, labels: y, classNames: ["a", "b"], trees: 0)
        }
        #expect(throws: VerdantError.invalidParameter(.threads, problem: "must be at least 1 (got 0)")) {
            try RandomForest.train(features: x, labels: y, classNames: ["a", "b"], threads: 0)
        }
        #expect(throws: VerdantError.self) {
            try RandomForest.train(features: x, labels: y, classNames: ["a", "b"], featureNames: ["x"])
        }
        #expect(throws: VerdantError.self) { try RandomForest.train(features: x, labels: y, classNames: ["a"]) }
        #expect(RandomForest.defaultCandidates(features: 10) == 3 && RandomForest.defaultCandidates(features: 16) == 4)
        #expect(RandomForest.defaultCandidates(features: 1) == 1 && RandomForest.defaultCandidates(features: 3) == 1)
    }
}
