/// A sorting network for a fixed count of values: Batcher's odd–even merge sort, the comparators of the next power
/// of two that touch only the first `count` positions (the missing positions act as +∞, which no comparator
/// moves). Composites sort the dates of several cells at once with it, lane by lane, without branches.
public struct SortingNetwork: Hashable, Sendable {
    /// The comparators in order: each puts the smaller value at `low` and the larger at `high` (`low` < `high`).
    public let comparators: [(low: Int, high: Int)]
    /// The count of values sorted.
    public let count: Int

    /// The network sorting `count` values.
    public init(count: Int) {
        precondition(count >= 0, "a negative count of values")
        self.count = count
        var pairs: [(low: Int, high: Int)] = []
        var p = 1
        while p < count {
            var k = p
            while k >= 1 {
                var j = k % p
                while j + k < count {
                    for i in 0..<min(k, count - j - k) where (i + j) / (2 * p) == (i + j + k) / (2 * p) {
                        pairs.append((i + j, i + j + k))
                    }
                    j += 2 * k
                }
                k /= 2
            }
            p *= 2
        }
        comparators = pairs
    }

    public static func == (a: SortingNetwork, b: SortingNetwork) -> Bool { a.count == b.count }
    public func hash(into h: inout Hasher) { h.combine(count) }

    /// Sorts `values` (`count` vectors) lane by lane: each lane ascending. NaN lanes are not ordered: replace NaN
    /// by +∞ first.
    @inlinable
    public func sort<V: SIMD>(_ values: inout [V]) where V.Scalar: Comparable {
        precondition(values.count == count, "a sorting network for \(count) values given \(values.count)")
        values.withUnsafeMutableBufferPointer { sort($0.baseAddress!) }
    }

    /// `sort(_:)` on `count` vectors at `values` (the composite's kernel calls it on its own buffer).
    @inlinable
    package func sort<V: SIMD>(_ values: UnsafeMutablePointer<V>) where V.Scalar: Comparable {
        for c in comparators {
            let a = values[c.low], b = values[c.high]
            values[c.low] = pointwiseMin(a, b)
            values[c.high] = pointwiseMax(a, b)
        }
    }
}
