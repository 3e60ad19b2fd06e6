import GDALKit

/// Densifies polygon rings in their own CRS and brings them onto another CRS, so that their straight edges follow
/// the curved images of the source edges.
///
/// The points are those of densifying every edge longer than `maxLength` the way GDAL's `Segmentize` does
/// (⌊√(d² / maxLength²) − 0.01⌋ evenly spaced interior points on an edge of length d) and then transforming every
/// point. Fewer points go through PROJ: vertices, and edges with one or two interior points, are transformed
/// exactly; on an edge with more, the interior points come from the quadratic through the transformed ends and
/// midpoint, after checking it against the exact transform of the point a quarter along: when they differ by more
/// than `tolerance` (in the target's units), every interior point of that edge is transformed exactly.
struct RingProjector {
    /// The transformation to the target CRS.
    let transformation: CoordinateTransformation
    /// The longest edge kept, in source units.
    let maxLength: Double
    /// The largest difference allowed between the quadratic and the exact transform, in target units.
    let tolerance: Double

    /// The densified, transformed rings (each closed as its source ring is).
    func project(_ rings: [[(x: Double, y: Double)]]) throws -> [[Coordinate]] {
        try projectWithVertices(rings).densified
    }

    /// The densified, transformed rings, and the same rings with their vertices only (transformed alike).
    func projectWithVertices(_ rings: [[(x: Double, y: Double)]]) throws -> (densified: [[Coordinate]], vertices: [[Coordinate]]) {
        // 1. Points to transform exactly: every vertex, then per edge its interior points (1 or 2 of them) or
        //    its midpoint and quarter point.
        var xs: [Double] = [], ys: [Double] = []
        var plans: [[EdgePlan]] = []
        var starts: [Int] = []
        for ring in rings {
            starts.append(xs.count)
            var edges: [EdgePlan] = []
            edges.reserveCapacity(ring.count)
            for p in ring {
                xs.append(p.x)
                ys.append(p.y)
            }
            if ring.count >= 2 {
                for i in 0..<(ring.count - 1) {
                    let a = ring[i], b = ring[i + 1]
                    let n = interiorPoints(dx: b.x - a.x, dy: b.y - a.y)
                    var plan = EdgePlan(interior: n, first: xs.count)
                    if n >= 1 && n <= 2 {
                        for j in 1...n { append(a, b, t: Double(j) / Double(n + 1), &xs, &ys) }
                    } else if n >= 3 {
                        append(a, b, t: 0.5, &xs, &ys)
                        append(a, b, t: 0.25, &xs, &ys)
                        plan.quadratic = true
                    }
                    edges.append(plan)
                }
            }
            plans.append(edges)
        }
        let (sourceX, sourceY) = (xs, ys)
        try transformation.transform(x: &xs, y: &ys)

        // 2. Edges whose quadratic misses the quarter point: transform their interior points exactly.
        var exactX: [Double] = [], exactY: [Double] = []
        for r in rings.indices {
            let vertex = starts[r]
            for (i, edge) in plans[r].enumerated() where edge.quadratic {
                let f0 = (x: xs[vertex + i], y: ys[vertex + i]), f1 = (x: xs[vertex + i + 1], y: ys[vertex + i + 1])
                let fm = (x: xs[edge.first], y: ys[edge.first]), fq = (x: xs[edge.first + 1], y: ys[edge.first + 1])
                let q = Self.quadratic(f0, fm, f1, t: 0.25)
                if !(abs(q.x - fq.x) <= tolerance && abs(q.y - fq.y) <= tolerance) {
                    plans[r][i].exact = exactX.count
                    let a = (x: sourceX[vertex + i], y: sourceY[vertex + i]), b = (x: sourceX[vertex + i + 1], y: sourceY[vertex + i + 1])
                    for j in 1...edge.interior { append(a, b, t: Double(j) / Double(edge.interior + 1), &exactX, &exactY) }
                }
            }
        }
        if !exactX.isEmpty { try transformation.transform(x: &exactX, y: &exactY) }

        // 3. The rings: each vertex followed by its edge's interior points.
        var out: [[Coordinate]] = []
        out.reserveCapacity(rings.count)
        for (r, ring) in rings.enumerated() {
            let vertex = starts[r]
            var points: [Coordinate] = []
            points.reserveCapacity(ring.count + plans[r].reduce(0) { $0 + $1.interior })
            for i in 0..<ring.count {
                points.append(Coordinate(x: xs[vertex + i], y: ys[vertex + i]))
                guard i < plans[r].count else { continue }
                let edge = plans[r][i], n = edge.interior
                if n == 0 { continue }
                if let e = edge.exact {
                    for j in 0..<n { points.append(Coordinate(x: exactX[e + j], y: exactY[e + j])) }
                } else if edge.quadratic {
                    let f0 = (x: xs[vertex + i], y: ys[vertex + i]), f1 = (x: xs[vertex + i + 1], y: ys[vertex + i + 1])
                    let fm = (x: xs[edge.first], y: ys[edge.first])
                    for j in 1...n {
                        let q = Self.quadratic(f0, fm, f1, t: Double(j) / Double(n + 1))
                        points.append(Coordinate(x: q.x, y: q.y))
                    }
                } else {
                    for j in 0..<n { points.append(Coordinate(x: xs[edge.first + j], y: ys[edge.first + j])) }
                }
            }
            out.append(points)
        }
        let vertices = rings.indices.map { r in (0..<rings[r].count).map { Coordinate(x: xs[starts[r] + $0], y: ys[starts[r] + $0]) } }
        return (out, vertices)
    }

    /// Interior points GDAL's `Segmentize` puts on an edge of extent (dx, dy).
    func interiorPoints(dx: Double, dy: Double) -> Int {
        let d2 = dx * dx + dy * dy, m2 = maxLength * maxLength
        guard d2 - m2 > 1e-5 * m2 else { return 0 }
        let n = (d2 / m2).squareRoot() - 1e-2
        return n.isFinite ? Int(min(n.rounded(.down), 1e8)) : 0
    }

    /// The quadratic through f(0) = f0, f(½) = fm, f(1) = f1, at t.
    static func quadratic(_ f0: (x: Double, y: Double), _ fm: (x: Double, y: Double), _ f1: (x: Double, y: Double),
                          t: Double) -> (x: Double, y: Double) {
        let l0 = (1 - t) * (1 - 2 * t), lm = 4 * t * (1 - t), l1 = t * (2 * t - 1)
        return (l0 * f0.x + lm * fm.x + l1 * f1.x, l0 * f0.y + lm * fm.y + l1 * f1.y)
    }

    private func append(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double), t: Double,
                        _ xs: inout [Double], _ ys: inout [Double]) {
        xs.append(a.x + t * (b.x - a.x))
        ys.append(a.y + t * (b.y - a.y))
    }

    /// How one edge's interior points are made.
    private struct EdgePlan {
        /// Interior points.
        var interior: Int
        /// Index of its first exactly transformed interior point (or midpoint) in the first batch.
        var first: Int
        /// True when the interior comes from the quadratic.
        var quadratic = false
        /// Index of its interior points in the second (exact) batch, when the quadratic was not close enough.
        var exact: Int?
    }
}
