/// A random forest compiled for fast prediction: the nodes of all trees in one array, each node's feature,
/// threshold and child side by side (one cache line instead of three), built once and reused tile after tile.
///
/// It predicts exactly as the `RandomForest` it was made from (`RandomForest.predictor()`).
public struct ForestPredictor: Sendable {
    /// One node: at a leaf `feature` is −1 and `child` the class; otherwise `child` is the left child's index in
    /// the whole array (the right child follows it).
    struct Node {
        var feature: Int32
        var threshold: Float
        var child: Int32
    }

    private let nodes: [Node]
    private let roots: [Int]
    /// The number of features of a sample.
    public let features: Int
    /// The number of classes.
    public let classCount: Int

    /// The predictor of `forest` (well formed: see `RandomForest.validate()`).
    public init(_ forest: RandomForest) {
        var nodes: [Node] = []
        var roots: [Int] = []
        nodes.reserveCapacity(forest.trees.reduce(0) { $0 + $1.nodeCount })
        for tree in forest.trees {
            let base = nodes.count
            roots.append(base)
            for i in 0..<tree.nodeCount {
                let leaf = tree.feature[i] < 0
                nodes.append(
                    Node(
                        feature: tree.feature[i], threshold: tree.threshold[i],
                        child: leaf ? tree.child[i] : tree.child[i] + Int32(base)))
            }
        }
        self.nodes = nodes
        self.roots = roots
        self.features = forest.featureNames.count
        self.classCount = forest.classNames.count
    }

    /// The winning class of every sample of `matrix` (one feature per feature of the forest) into `classes`, and
    /// the winner's share of the votes into `shares` (both resized to the samples); ties go to
    /// the lowest class index. Samples are taken in blocks of 1024, each tree walked over a whole block before the
    /// next.
    public func predict(matrix: FeatureMatrix, into classes: inout [Int], shares: inout [Float]) {
        run(matrix, &classes, &shares, withShares: true)
    }

    /// The winning class of every sample of `matrix` into `classes` (resized to the samples).
    public func predict(matrix: FeatureMatrix, into classes: inout [Int]) {
        var none: [Float] = []
        run(matrix, &classes, &none, withShares: false)
    }

    /// The child of inner node `node` that `row` goes to.
    @inline(__always) private static func next(_ node: Node, _ row: UnsafePointer<Float>) -> Int {
        Int(node.child) + (row[Int(node.feature)] <= node.threshold ? 0 : 1)
    }

    private func run(_ matrix: FeatureMatrix, _ classes: inout [Int], _ shares: inout [Float], withShares: Bool) {
        let n = matrix.samples, f = matrix.features, k = classCount
        precondition(f == features, "predict: samples of \(f) features for a forest of \(features)")
        classes = [Int](repeating: 0, count: n)
        if withShares { shares = [Float](repeating: 0, count: n) }
        let block = 1024
        var votes = [Int32](repeating: 0, count: block * k)
        let trees = Float(roots.count)
        matrix.values.withUnsafeBufferPointer { values in
            nodes.withUnsafeBufferPointer { nodes in
                votes.withUnsafeMutableBufferPointer { votes in
                    var first = 0
                    while first < n {
                        let count = min(block, n - first)
                        for v in 0..<(count * k) { votes[v] = 0 }
                        let rows = values.baseAddress! + first * f
                        for root in roots {
                            // Four rows walk the tree together, so that their memory loads overlap.
                            var r = 0
                            while r + 4 <= count {
                                var a = nodes[root], b = a, c = a, d = a
                                let ra = rows + r * f, rb = ra + f, rc = rb + f, rd = rc + f
                                while a.feature >= 0 || b.feature >= 0 || c.feature >= 0 || d.feature >= 0 {
                                    if a.feature >= 0 { a = nodes[Self.next(a, ra)] }
                                    if b.feature >= 0 { b = nodes[Self.next(b, rb)] }
                                    if c.feature >= 0 { c = nodes[Self.next(c, rc)] }
                                    if d.feature >= 0 { d = nodes[Self.next(d, rd)] }
                                }
                                votes[r * k + Int(a.child)] += 1
                                votes[(r + 1) * k + Int(b.child)] += 1
                                votes[(r + 2) * k + Int(c.child)] += 1
                                votes[(r + 3) * k + Int(d.child)] += 1
                                r += 4
                            }
                            while r < count {
                                let row = rows + r * f
                                var node = nodes[root]
                                while node.feature >= 0 { node = nodes[Self.next(node, row)] }
                                votes[r * k + Int(node.child)] += 1
                                r += 1
                            }
                        }
                        for r in 0..<count {
                            var winner = 0
                            for c in 1..<k where votes[r * k + c] > votes[r * k + winner] { winner = c }
                            classes[first + r] = winner
                            if withShares { shares[first + r] = Float(votes[r * k + winner]) / trees }
                        }
                        first += count
                    }
                }
            }
        }
    }
}
