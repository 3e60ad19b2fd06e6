/// One CART classification tree (Breiman et al. 1984), stored as three flat arrays of nodes for fast prediction
/// and a compact model file; node 0 is the root.
///
/// At an inner node `i`, `feature[i]` is the feature tested and a sample goes to the left child `child[i]` when
/// its value is ≤ `threshold[i]` (to the right child `child[i] + 1` otherwise, NaN included); children always
/// come after their parent. At a leaf `feature[i]` is −1, `child[i]` is the class predicted and `threshold[i]`
/// is 0.
public struct DecisionTree: Codable, Hashable, Sendable {
    /// The feature each node tests, −1 at a leaf.
    public var feature: [Int32]
    /// The threshold of each inner node (x ≤ threshold goes left), 0 at a leaf.
    public var threshold: [Float]
    /// The left child of each inner node (its right child is the next node), the class of each leaf.
    public var child: [Int32]

    /// The tree of these nodes, unchecked (see `isWellFormed(features:classCount:)`).
    public init(feature: [Int32], threshold: [Float], child: [Int32]) {
        self.feature = feature
        self.threshold = threshold
        self.child = child
    }

    /// A tree grown on every sample of `features` once (no bootstrap): CART with Gini impurity, split until
    /// every leaf is pure or holds samples of equal features, drawing `candidateFeatures` candidates at each split
    /// (all features when nil) with a generator seeded by `seed` — as one tree of `RandomForest` but on the
    /// samples themselves.
    ///
    /// - Throws: `VerdantError.invalidParameter` when the samples or labels cannot be trained on (see
    ///   `RandomForest.train`).
    public static func fit(
        features: FeatureMatrix, labels: [Int], classCount: Int, candidateFeatures: Int? = nil, seed: UInt64 = 0
    ) throws -> DecisionTree {
        let data = try TrainingSet(features: features, labels: labels, classCount: classCount)
        let candidates = try RandomForest.checkedCandidates(candidateFeatures ?? features.features, features.features)
        var generator = SeededGenerator(seed: seed)
        var grower = TreeGrower(data: data)
        return grower.grow(
            weights: [Int32](repeating: 1, count: data.samples), candidates: candidates,
            generator: &generator)
    }

    /// The number of nodes.
    public var nodeCount: Int { feature.count }

    /// The number of leaves.
    public var leafCount: Int { feature.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    /// The most splits from the root to a leaf.
    public var depth: Int {
        guard !feature.isEmpty else { return 0 }
        var depths = [Int](repeating: 0, count: feature.count)
        var deepest = 0
        for i in feature.indices where feature[i] >= 0 {
            let c = Int(child[i])
            depths[c] = depths[i] + 1
            depths[c + 1] = depths[i] + 1
            deepest = max(deepest, depths[i] + 1)
        }
        return deepest
    }

    /// Whether the arrays make a tree that prediction can walk on samples of `features` features into classes
    /// `0..<classCount`: equal counts, at least one node, every inner node testing a feature in range with a
    /// finite threshold and children after it and inside the arrays, every leaf a class in range. A model read
    /// from a file is checked with this before use.
    public func isWellFormed(features: Int, classCount: Int) -> Bool {
        let count = feature.count
        guard count >= 1, threshold.count == count, child.count == count else { return false }
        for i in 0..<count {
            let f = Int(feature[i]), c = Int(child[i])
            if f < 0 {
                guard f == -1, c >= 0, c < classCount else { return false }
            } else {
                guard f < features, threshold[i].isFinite, c > i, c + 1 < count else { return false }
            }
        }
        return true
    }

    /// The class of the sample whose features are `row` (at least as many as the features the tree tests).
    public func classify<Row: RandomAccessCollection<Float>>(_ row: Row) -> Int where Row.Index == Int {
        var node = 0
        let start = row.startIndex
        while true {
            let f = Int(feature[node])
            if f < 0 { return Int(child[node]) }
            node = Int(child[node]) + (row[start + f] <= threshold[node] ? 0 : 1)
        }
    }
}
