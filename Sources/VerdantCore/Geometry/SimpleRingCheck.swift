/// Decides in O(n log n) whether one ring is simple (no two edges meet but consecutive ones at their shared
/// vertex), by a Shamos–Hoey sweep: edges are kept ordered from south to north along a sweep line moving east, and
/// only edges that become neighbours in that order are tested against each other.
///
/// Used before GEOS's validity check, which is quadratic on spiky rings (100,000 vertices: 25 s). Predicates are
/// floating-point orientation tests with an error bound: whenever a sign is in doubt, or edges touch or overlap,
/// the answer is `.unknown` and the caller asks GEOS, so `.simple` and `.crosses` are always right.
package enum SimpleRingCheck {
    package enum Answer: Equatable {
        /// No two edges meet but consecutive ones at their shared vertex.
        case simple
        /// Two edges cross at a point inside both.
        case crosses
        /// Not decided (touching edges, collinear consecutive edges, or signs too close to call).
        case unknown
    }

    /// The answer for `ring` (closed: first == last, as OGR gives it).
    package static func check(_ ring: [(x: Double, y: Double)]) -> Answer {
        // Consecutive repeated points are allowed (and dropped); the ring is closed by its last edge.
        var points: [P] = []
        points.reserveCapacity(ring.count)
        for p in ring where !(p.x.isFinite && p.y.isFinite) { return .unknown }
        for p in ring {
            let q = P(x: p.x, y: p.y)
            if points.last != q { points.append(q) }
        }
        if points.count >= 2 && points.first == points.last { points.removeLast() }
        let n = points.count
        guard n >= 3 else { return .unknown }
        // Edge e goes from points[e] to points[(e + 1) % n]; `left` is its lexicographically smaller end.
        var left = [P](), right = [P]()
        left.reserveCapacity(n); right.reserveCapacity(n)
        for e in 0..<n {
            let a = points[e], b = points[(e + 1) % n]
            if a < b { left.append(a); right.append(b) } else { left.append(b); right.append(a) }
        }
        // Events: (point, edge, isStart); at one point, ends before starts.
        var events: [(p: P, edge: Int32, start: Bool)] = []
        events.reserveCapacity(2 * n)
        for e in 0..<n {
            events.append((left[e], Int32(e), true))
            events.append((right[e], Int32(e), false))
        }
        events.sort { a, b in a.p < b.p || (a.p == b.p && !a.start && b.start) }
        // Each vertex of a simple ring ends two edges: a point met more often is a vertex the ring touches again
        // (ends go before starts at one point, so the sweep alone would not see that touch).
        var run = 1
        for k in 1..<events.count {
            run = events[k].p == events[k - 1].p ? run + 1 : 1
            if run > 2 { return .unknown }
        }

        var undecided = false
        /// Sign of (b − a) × (c − a): 1, −1, or 0 when too close to call.
        func orient(_ a: P, _ b: P, _ c: P) -> Int {
            let l = (b.x - a.x) * (c.y - a.y), r = (b.y - a.y) * (c.x - a.x)
            let det = l - r, bound = 3.3306690738754716e-16 * (abs(l) + abs(r))
            return det > bound ? 1 : (det < -bound ? -1 : 0)
        }
        func consecutive(_ e: Int, _ f: Int) -> Bool {
            let d = abs(e - f)
            return d == 1 || d == n - 1
        }
        /// True when edge s lies below edge t where both are cut by the sweep line (nil: not decidable).
        func below(_ s: Int, _ t: Int) -> Bool? {
            // The edge that starts later: is its start above or below the other?
            let later = left[s] < left[t] ? t : s, other = later == s ? t : s
            var o = orient(left[other], right[other], left[later])
            if o == 0 && left[later] == left[other] { o = orient(left[other], right[other], right[later]) }
            guard o != 0 else { return nil }
            // o > 0: `later` is above `other`.
            return later == s ? o < 0 : o > 0
        }
        /// Tests two edges that have become neighbours; false when they (may) meet where they must not.
        func clear(_ e: Int, _ f: Int) -> Answer {
            if consecutive(e, f) {
                // They share one vertex; they must not run back over each other.
                let shared = (e + 1) % n == f ? points[f] : points[e]
                let farE = left[e] == shared ? right[e] : left[e], farF = left[f] == shared ? right[f] : left[f]
                return orient(shared, farE, farF) == 0 ? .unknown : .simple
            }
            let o1 = orient(left[e], right[e], left[f]), o2 = orient(left[e], right[e], right[f])
            let o3 = orient(left[f], right[f], left[e]), o4 = orient(left[f], right[f], right[e])
            if o1 == 0 || o2 == 0 || o3 == 0 || o4 == 0 {
                // Touching, collinear, or too close: only a clear miss is decided here.
                if (o1 != 0 && o1 == o2) || (o3 != 0 && o3 == o4) { return .simple }
                return .unknown
            }
            if o1 != o2 && o3 != o4 { return .crosses }
            return .simple
        }

        var status = BlockList()
        for event in events {
            let e = Int(event.edge)
            if event.start {
                guard let at = status.insertionIndex(where: { t in below(e, t) }, undecided: &undecided), !undecided
                else { return .unknown }
                let placed = status.insert(e, at: at)
                let (lo, hi) = status.neighbours(of: placed)
                for f in [lo, hi] {
                    guard let f else { continue }
                    let a = clear(e, f)
                    if a != .simple { return a }
                }
            } else {
                guard let at = status.index(of: e, below: { s, t in below(s, t) }, undecided: &undecided), !undecided
                else { return .unknown }
                let (lo, hi) = status.neighbours(of: at)
                status.remove(at: at)
                if let lo, let hi {
                    let a = clear(lo, hi)
                    if a != .simple { return a }
                }
            }
        }
        return .simple
    }

    /// A point ordered by x, then y.
    struct P: Equatable, Comparable {
        var x: Double
        var y: Double
        static func < (a: P, b: P) -> Bool { a.x < b.x || (a.x == b.x && a.y < b.y) }
    }

    /// The sweep's edges in order, in blocks of at most 256 so that inserting and removing stay cheap.
    struct BlockList {
        private var blocks: [[Int]] = [[]]
        private static let size = 256

        /// The position (block, index) where an edge goes, from `isBelow(t)`: true when the new edge lies below t.
        mutating func insertionIndex(where isBelow: (Int) -> Bool?, undecided: inout Bool) -> (Int, Int)? {
            // Blocks in order: find the first block whose last edge the new one lies below.
            var lo = 0, hi = blocks.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                guard let last = blocks[mid].last else { lo = mid + 1; continue }
                guard let b = isBelow(last) else { undecided = true; return nil }
                if b { hi = mid } else { lo = mid + 1 }
            }
            let block = blocks[lo]
            var a = 0, z = block.count
            while a < z {
                let mid = (a + z) / 2
                guard let b = isBelow(block[mid]) else { undecided = true; return nil }
                if b { z = mid } else { a = mid + 1 }
            }
            return (lo, a)
        }

        /// The position of edge `e`, found by the order (`below(s, t)`).
        func index(of e: Int, below: (Int, Int) -> Bool?, undecided: inout Bool) -> (Int, Int)? {
            var lo = 0, hi = blocks.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                guard let last = blocks[mid].last else { lo = mid + 1; continue }
                if last == e { return (mid, blocks[mid].count - 1) }
                guard let b = below(e, last) else { undecided = true; return nil }
                if b { hi = mid } else { lo = mid + 1 }
            }
            let block = blocks[lo]
            var a = 0, z = block.count
            while a < z {
                let mid = (a + z) / 2
                if block[mid] == e { return (lo, mid) }
                guard let b = below(e, block[mid]) else { undecided = true; return nil }
                if b { z = mid } else { a = mid + 1 }
            }
            undecided = true  // not found: the order was not consistent
            return nil
        }

        /// Inserts `e` at `position` and returns where it is now (a full block is split in two).
        mutating func insert(_ e: Int, at position: (Int, Int)) -> (Int, Int) {
            blocks[position.0].insert(e, at: position.1)
            if blocks[position.0].count > 2 * Self.size {
                let tail = Array(blocks[position.0][Self.size...])
                blocks[position.0].removeSubrange(Self.size...)
                blocks.insert(tail, at: position.0 + 1)
                if position.1 >= Self.size { return (position.0 + 1, position.1 - Self.size) }
            }
            return position
        }

        mutating func remove(at position: (Int, Int)) {
            blocks[position.0].remove(at: position.1)
            if blocks[position.0].isEmpty && blocks.count > 1 { blocks.remove(at: position.0) }
        }

        /// The edges just below and just above the one at `position`.
        func neighbours(of position: (Int, Int)) -> (Int?, Int?) {
            let (b, i) = position
            var lo: Int? = nil, hi: Int? = nil
            if i > 0 {
                lo = blocks[b][i - 1]
            } else {
                var k = b - 1
                while k >= 0 && blocks[k].isEmpty { k -= 1 }
                if k >= 0 { lo = blocks[k].last }
            }
            if i + 1 < blocks[b].count {
                hi = blocks[b][i + 1]
            } else {
                var k = b + 1
                while k < blocks.count && blocks[k].isEmpty { k += 1 }
                if k < blocks.count { hi = blocks[k].first }
            }
            return (lo, hi)
        }
    }
}
