/// Grows CART trees on a `TrainingSet`, reusing its buffers from tree to tree.
///
/// The samples of a node are a range of `order` (sample indices, each with its bootstrap weight). At each node the
/// candidate features are drawn without replacement in random order; a feature constant in the node does not
/// count as a candidate (as in scikit-learn), so up to `candidates` features that vary are examined. For each, the
/// node's samples are sorted by value (a 64-bit key of the value's ordered bits and the position, one integer
/// sort) and scanned once with the class counts on both sides: every boundary between two distinct values is a
/// split at their midpoint, scored by the Gini impurity decrease. The best split wins (the first on ties, in draw
/// order and then by threshold), even one that decreases impurity by nothing (the first split of XOR-like data),
/// so a node stays a leaf only when it is pure or all its samples have equal features: exact CART with minimum
/// leaf size 1, O(m log m) per candidate feature of a node of m samples.
struct TreeGrower {
    private let data: TrainingSet
    private var order: [Int32]
    private var keys: [UInt64]
    private var scratch: [UInt64]
    private var featureOrder: [Int]
    private var counts: [Int]
    private var left: [Int]
    private var right: [Int]

    /// A grower for trees on `data`.
    init(data: TrainingSet) {
        self.data = data
        order = []
        keys = []
        scratch = []
        featureOrder = Array(0..<data.features)
        counts = [Int](repeating: 0, count: data.classCount)
        left = counts
        right = counts
    }

    /// A value's bits mapped to an unsigned integer of the same order (finite values, −0 already made +0).
    @inline(__always) private static func orderedBits(_ value: Float) -> UInt64 {
        let bits = value.bitPattern
        return UInt64(bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000)
    }

    /// The value of `orderedBits` bits.
    @inline(__always) private static func value(ofOrderedBits ordered: UInt64) -> Float {
        let bits = UInt32(truncatingIfNeeded: ordered)
        return Float(bitPattern: bits & 0x8000_0000 != 0 ? bits & 0x7FFF_FFFF : ~bits)
    }

    /// The threshold between two consecutive distinct values a < b: their midpoint, or a when the midpoint rounds
    /// to b (as scikit-learn), so that a goes left and b right.
    @inline(__always) static func midpoint(_ a: Float, _ b: Float) -> Float {
        let m = a / 2 + b / 2
        return m >= b || m < a ? a : m
    }

    /// The tree grown on the samples with a positive weight (`weights[i]` the number of times sample i was drawn),
    /// `candidates` features drawn at each split with `generator`.
    mutating func grow(weights: [Int32], candidates: Int, generator: inout SeededGenerator) -> DecisionTree {
        // The draw order of the features starts afresh, so a tree depends on its generator alone.
        for j in featureOrder.indices { featureOrder[j] = j }
        order.removeAll(keepingCapacity: true)
        for i in 0..<data.samples where weights[i] > 0 { order.append(Int32(i)) }
        if keys.count < order.count {
            keys = [UInt64](repeating: 0, count: order.count)
            scratch = keys
        }
        var feature: [Int32] = [-1]
        var threshold: [Float] = [0]
        var child: [Int32] = [0]
        var pending: [(node: Int, start: Int, end: Int)] = [(0, 0, order.count)]
        while let (node, start, end) = pending.popLast() {
            let counted = countClasses(start, end, weights)
            guard counted.classes > 1,
                let split = bestSplit(
                    start, end, weights, total: counted.total, candidates: candidates,
                    generator: &generator)
            else {
                child[node] = Int32(counted.majority)
                continue
            }
            let middle = partition(start, end, feature: split.feature, threshold: split.threshold)
            let first = feature.count
            feature[node] = Int32(split.feature)
            threshold[node] = split.threshold
            child[node] = Int32(first)
            feature += [-1, -1]
            threshold += [0, 0]
            child += [0, 0]
            pending.append((first + 1, middle, end))
            pending.append((first, start, middle))
        }
        return DecisionTree(feature: feature, threshold: threshold, child: child)
    }

    /// Fills `counts` with the weighted classes of `order[start..<end]`: their total, how many classes occur and
    /// the most frequent (the lowest on ties).
    private mutating func countClasses(
        _ start: Int, _ end: Int, _ weights: [Int32]
    ) -> (
        total: Int, classes: Int, majority: Int
    ) {
        for c in counts.indices { counts[c] = 0 }
        var total = 0
        for p in start..<end {
            let s = Int(order[p])
            let w = Int(weights[s])
            counts[Int(data.labels[s])] += w
            total += w
        }
        var majority = 0, classes = 0
        for c in counts.indices where counts[c] > 0 {
            classes += 1
            if counts[c] > counts[majority] { majority = c }
        }
        return (total, classes, majority)
    }

    /// The best split of `order[start..<end]` (whose class counts are in `counts`), nil when every feature is
    /// constant there.
    private mutating func bestSplit(
        _ start: Int, _ end: Int, _ weights: [Int32], total: Int, candidates: Int,
        generator: inout SeededGenerator
    ) -> (feature: Int, threshold: Float)? {
        let m = end - start, n = data.samples, f = data.features
        var best = -Double.infinity
        var bestFeature = -1
        var bestLow: UInt64 = 0, bestHigh: UInt64 = 0
        var squares = 0
        for c in counts.indices { squares += counts[c] * counts[c] }
        var drawn = 0, examined = 0
        while drawn < f && examined < candidates {
            let pick = drawn + generator.index(below: f - drawn)
            featureOrder.swapAt(drawn, pick)
            let feat = featureOrder[drawn]
            drawn += 1
            var lowest = UInt64.max, highest: UInt64 = 0
            data.columns.withUnsafeBufferPointer { columns in
                order.withUnsafeBufferPointer { order in
                    keys.withUnsafeMutableBufferPointer { keys in
                        let column = columns.baseAddress! + feat * n
                        for q in 0..<m {
                            let bits = Self.orderedBits(column[Int(order[start + q])])
                            lowest = min(lowest, bits)
                            highest = max(highest, bits)
                            keys[q] = bits << 32 | UInt64(q)
                        }
                    }
                }
            }
            if lowest == highest { continue }
            examined += 1
            Self.sortKeys(&keys, &scratch, m)
            for c in counts.indices {
                left[c] = 0
                right[c] = counts[c]
            }
            var leftTotal = 0, rightTotal = total
            var leftSquares = 0, rightSquares = squares
            keys.withUnsafeBufferPointer { keys in
                order.withUnsafeBufferPointer { order in
                    data.labels.withUnsafeBufferPointer { labels in
                        weights.withUnsafeBufferPointer { weights in
                            left.withUnsafeMutableBufferPointer { left in
                                right.withUnsafeMutableBufferPointer { right in
                                    for q in 0..<(m - 1) {
                                        let s = Int(order[start + Int(keys[q] & 0xFFFF_FFFF)])
                                        let c = Int(labels[s]), w = Int(weights[s])
                                        leftSquares += w * (2 * left[c] + w)
                                        left[c] += w
                                        rightSquares -= w * (2 * right[c] - w)
                                        right[c] -= w
                                        leftTotal += w
                                        rightTotal -= w
                                        let here = keys[q] >> 32, next = keys[q + 1] >> 32
                                        guard here != next else { continue }
                                        // Gini: the weighted impurity of the children is total − this proxy.
                                        let proxy =
                                            Double(leftSquares) / Double(leftTotal) + Double(rightSquares)
                                            / Double(rightTotal)
                                        if proxy > best {
                                            best = proxy
                                            bestFeature = feat
                                            bestLow = here
                                            bestHigh = next
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard bestFeature >= 0 else { return nil }
        let threshold = Self.midpoint(
            Self.value(ofOrderedBits: bestLow), Self.value(ofOrderedBits: bestHigh))
        return (bestFeature, threshold)
    }

    /// Sorts `keys[0..<m]` (value bits above, position below, positions ascending) by value, equal values in
    /// position order: the order of a plain sort of the keys. Small ranges by insertion, larger ones by a stable
    /// least-significant-digit radix sort of the 32 value bits in three 11-bit digits (a digit all keys share is
    /// skipped), through `scratch`.
    static func sortKeys(_ keys: inout [UInt64], _ scratch: inout [UInt64], _ m: Int) {
        keys.withUnsafeMutableBufferPointer { keys in
            if m <= 48 {
                for i in 1..<max(1, m) {
                    let key = keys[i]
                    var j = i
                    while j > 0 && keys[j - 1] > key {
                        keys[j] = keys[j - 1]
                        j -= 1
                    }
                    keys[j] = key
                }
                return
            }
            scratch.withUnsafeMutableBufferPointer { scratch in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: 3 * 2048) { counts in
                    counts.initialize(repeating: 0)
                    for i in 0..<m {
                        let v = keys[i] >> 32
                        counts[Int(v & 0x7FF)] += 1
                        counts[2048 + Int((v >> 11) & 0x7FF)] += 1
                        counts[4096 + Int(v >> 22)] += 1
                    }
                    var source = keys.baseAddress!, target = scratch.baseAddress!
                    for digit in 0..<3 {
                        let base = digit * 2048, shift = UInt64(32 + 11 * digit)
                        // A digit every key shares leaves the order as it is.
                        if counts[base + Int((source[0] >> shift) & 0x7FF)] == m { continue }
                        var sum: Int32 = 0
                        for b in 0..<2048 {
                            let c = counts[base + b]
                            counts[base + b] = sum
                            sum += c
                        }
                        for i in 0..<m {
                            let key = source[i]
                            let b = base + Int((key >> shift) & 0x7FF)
                            target[Int(counts[b])] = key
                            counts[b] += 1
                        }
                        swap(&source, &target)
                    }
                    if source != keys.baseAddress! { keys.baseAddress!.update(from: source, count: m) }
                }
            }
        }
    }

    /// Reorders `order[start..<end]` so that the samples whose `feature` is ≤ `threshold` come first; returns
    /// where the others begin.
    private mutating func partition(_ start: Int, _ end: Int, feature: Int, threshold: Float) -> Int {
        let n = data.samples
        return data.columns.withUnsafeBufferPointer { columns in
            order.withUnsafeMutableBufferPointer { order in
                let column = columns.baseAddress! + feature * n
                var i = start, j = end - 1
                while i <= j {
                    if column[Int(order[i])] <= threshold {
                        i += 1
                    } else {
                        order.swapAt(i, j)
                        j -= 1
                    }
                }
                return i
            }
        }
    }
}
