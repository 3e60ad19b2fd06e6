import Dispatch
import Synchronization

/// A random forest classifier (Breiman 2001, "Random forests", Machine Learning 45, 5–32): CART trees grown on
/// bootstrap samples, `candidateFeatures` features drawn at each split, predicting by majority vote.
///
/// Tree i is grown with its own `SeededGenerator(seed: seed, stream: i)`: its bootstrap (n draws with replacement
/// of the n samples) and then its splits (`DecisionTree`'s growth with minimum leaf size 1 and Gini impurity). The
/// forest is therefore the same for a seed whatever the number of threads it was trained on. The value is what a
/// model file holds (`Codable`: feature names, class names, the candidates per split, the seed and the trees);
/// whoever reads one checks it with `validate()` before predicting with it.
public struct RandomForest: Codable, Hashable, Sendable {
    /// The names of the features, in the order of a `FeatureMatrix`'s columns.
    public var featureNames: [String]
    /// The names of the classes: class index c is `classNames[c]`.
    public var classNames: [String]
    /// The features drawn as candidates at each split.
    public var candidateFeatures: Int
    /// The seed the forest was trained with.
    public var seed: UInt64
    /// The trees.
    public var trees: [DecisionTree]

    /// The forest of these parts, unchecked (see `validate()`).
    public init(
        featureNames: [String], classNames: [String], candidateFeatures: Int, seed: UInt64, trees: [DecisionTree]
    ) {
        self.featureNames = featureNames
        self.classNames = classNames
        self.candidateFeatures = candidateFeatures
        self.seed = seed
        self.trees = trees
    }

    /// The default candidates per split for `features` features: ⌊√features⌋, at least 1 (scikit-learn's
    /// `max_features="sqrt"`).
    public static func defaultCandidates(features: Int) -> Int {
        var r = Int(Double(features).squareRoot())
        while r * r > features { r -= 1 }
        while (r + 1) * (r + 1) <= features { r += 1 }
        return max(1, r)
    }

    /// `candidates` if it is in 1…features.
    static func checkedCandidates(_ candidates: Int, _ features: Int) throws -> Int {
        guard candidates >= 1, candidates <= features else {
            throw VerdantError.invalidParameter(
                .candidateFeatures, problem: "must be from 1 to the \(features) features (got \(candidates))")
        }
        return candidates
    }

    /// Trains a forest on `features` labelled by `labels` (class indices into `classNames`), and scores it on
    /// the samples each tree left out of its bootstrap.
    ///
    /// - Parameters:
    ///   - features: the training samples' features; every value finite.
    ///   - labels: the class of each sample, in `0..<classNames.count`; at least 2 classes must have samples.
    ///   - classNames: the names of the classes (at least 2).
    ///   - featureNames: the names of the features, one per column; nil names them `x0`, `x1` ….
    ///   - trees: the number of trees (at least 1).
    ///   - candidateFeatures: the features drawn at each split; nil for `defaultCandidates(features:)`.
    ///   - seed: the seed of every random choice.
    ///   - threads: the trees grown at once (at least 1); the forest does not depend on it.
    /// - Returns: the forest and its out-of-bag estimate.
    /// - Throws: `VerdantError.invalidParameter` naming `.training`, `.trees`, `.candidateFeatures` or `.threads`.
    public static func train(
        features: FeatureMatrix, labels: [Int], classNames: [String], featureNames: [String]? = nil,
        trees: Int = 100, candidateFeatures: Int? = nil, seed: UInt64 = 0, threads: Int = 1
    ) throws -> (forest: RandomForest, outOfBag: OutOfBagEstimate) {
        guard trees >= 1 else {
            throw VerdantError.invalidParameter(.trees, problem: "must be at least 1 (got \(trees))")
        }
        guard threads >= 1 else {
            throw VerdantError.invalidParameter(.threads, problem: "must be at least 1 (got \(threads))")
        }
        let names = featureNames ?? (0..<features.features).map { "x\($0)" }
        guard names.count == features.features else {
            throw VerdantError.invalidParameter(
                .training, problem: "has \(features.features) features but \(names.count) feature names")
        }
        let candidates = try checkedCandidates(
            candidateFeatures ?? defaultCandidates(features: features.features), features.features)
        let data = try TrainingSet(features: features, labels: labels, classCount: classNames.count)
        let n = data.samples, k = data.classCount
        let grown = Mutex<[DecisionTree?]>(Array(repeating: nil, count: trees))
        let votes = Mutex<[Int]>(Array(repeating: 0, count: n * k))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(threads, trees)) { _ in
            var grower = TreeGrower(data: data)
            var weights = [Int32](repeating: 0, count: n)
            var predicted = [Int32](repeating: -1, count: n)
            while true {
                let t = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if t >= trees { break }
                var generator = SeededGenerator(seed: seed, stream: UInt64(t))
                for i in 0..<n { weights[i] = 0 }
                for _ in 0..<n { weights[generator.index(below: n)] += 1 }
                let tree = grower.grow(weights: weights, candidates: candidates, generator: &generator)
                tree.classifyColumns(data.columns, samples: n, where: weights, into: &predicted)
                grown.withLock { $0[t] = tree }
                votes.withLock { votes in
                    for i in 0..<n where predicted[i] >= 0 { votes[i * k + Int(predicted[i])] += 1 }
                }
            }
        }
        let forest = RandomForest(
            featureNames: names, classNames: classNames, candidateFeatures: candidates, seed: seed,
            trees: grown.withLock { $0.map { $0! } })
        let outOfBag = OutOfBagEstimate(votes: votes.withLock { $0 }, labels: labels, classCount: k)
        return (forest, outOfBag)
    }

    /// Checks a forest read from a model file: at least 2 classes, at least one feature and one tree, candidates
    /// per split in range and every tree well formed (`DecisionTree.isWellFormed`).
    ///
    /// - Throws: `VerdantError.invalidParameter(.modelFile, …)` saying what is wrong.
    public func validate() throws {
        func bad(_ problem: String) -> VerdantError {
            VerdantError.invalidParameter(.modelFile, problem: ErrorText(problem))
        }
        guard classNames.count >= 2 else { throw bad("has \(classNames.count) classes, fewer than 2") }
        guard !featureNames.isEmpty else { throw bad("has no features") }
        guard !trees.isEmpty else { throw bad("has no trees") }
        guard candidateFeatures >= 1, candidateFeatures <= featureNames.count else {
            throw bad("draws \(candidateFeatures) candidate features of \(featureNames.count)")
        }
        for (t, tree) in trees.enumerated()
        where !tree.isWellFormed(features: featureNames.count, classCount: classNames.count) {
            throw bad(
                "tree \(t) is not a well-formed tree of \(featureNames.count) features into "
                    + "\(classNames.count) classes")
        }
    }

    /// The vote of a forest on one sample.
    public struct Prediction: Hashable, Sendable {
        /// The class with the most votes (the lowest index on ties).
        public var classIndex: Int
        /// The trees that voted for it.
        public var votes: Int
        /// `votes` / the number of trees.
        public var share: Float

        /// The vote of `votes` trees (a share `share` of them) for class `classIndex`.
        public init(classIndex: Int, votes: Int, share: Float) {
            self.classIndex = classIndex
            self.votes = votes
            self.share = share
        }
    }

    /// The forest's vote on the sample whose features are `row` (one per feature name).
    public func predict<Row: RandomAccessCollection<Float>>(_ row: Row) -> Prediction where Row.Index == Int {
        var votes = [Int](repeating: 0, count: classNames.count)
        for tree in trees { votes[tree.classify(row)] += 1 }
        var winner = 0
        for c in votes.indices where votes[c] > votes[winner] { winner = c }
        return Prediction(classIndex: winner, votes: votes[winner], share: Float(votes[winner]) / Float(trees.count))
    }

    /// The winning class of every sample of `matrix` into `classes`, and the winner's share of the votes into
    /// `shares` (both resized to the samples); ties go to the lowest class index. `matrix` has one feature per
    /// feature name. To predict tile after tile, make a `predictor()` once and use it.
    public func predict(matrix: FeatureMatrix, into classes: inout [Int], shares: inout [Float]) {
        ForestPredictor(self).predict(matrix: matrix, into: &classes, shares: &shares)
    }

    /// The winning class of every sample of `matrix` into `classes` (resized to the samples).
    public func predict(matrix: FeatureMatrix, into classes: inout [Int]) {
        ForestPredictor(self).predict(matrix: matrix, into: &classes)
    }

    /// The forest compiled for fast prediction, to make once and reuse.
    public func predictor() -> ForestPredictor { ForestPredictor(self) }
}

extension DecisionTree {
    /// The class of every sample whose weight is 0 into `predicted` (−1 for the others), from the training set's
    /// feature-by-feature `columns`.
    func classifyColumns(_ columns: [Float], samples n: Int, where weights: [Int32], into predicted: inout [Int32]) {
        for i in 0..<n {
            guard weights[i] == 0 else {
                predicted[i] = -1
                continue
            }
            var node = 0
            while true {
                let f = Int(feature[node])
                if f < 0 { break }
                node = Int(child[node]) + (columns[f * n + i] <= threshold[node] ? 0 : 1)
            }
            predicted[i] = child[node]
        }
    }
}
