import GDALKit

/// Brings a parcel's polygons onto another CRS, splitting each source edge only as much as the curved image of the
/// edge needs, whatever the raster's cell size.
///
/// For every edge, the ends, the midpoint and the quarter points go through PROJ (exactly, in one batch per level
/// for the whole parcel). The quadratic through the ends and the midpoint is accepted for the edge's image when it
/// passes within `tolerance / 2` of both exact quarter points (its error is cubic in t, largest near the quarter
/// points, and adds no area to first order); otherwise the edge is halved (its quarter points becoming the halves'
/// midpoints) and each half checked alike, down to `maxDepth` levels. An accepted piece with second difference D is
/// then cut into the fewest m chords whose sagitta |D| / (2m²) is within `tolerance / 2`, so every chord lies within
/// `tolerance` of the exact curve. Last, the parcel's area: the chords of a piece miss the area (c × D) / (3m²) of
/// its curve (c the piece's chord), so the signed sum over the parcel is known; when it exceeds
/// `relativeArea × area` (or `areaFloor`), every piece's m is raised until it does not. Straight edges (D ≈ 0) get
/// no interior point, and an edge short enough to be straight within the tolerance gets none either.
struct RingProjector {
    /// The transformation to the target CRS.
    let transformation: CoordinateTransformation
    /// The largest distance allowed between a chord and the exact image of its edge, in target units.
    let tolerance: Double
    /// The largest error allowed in the parcel's area, relative to its area.
    var relativeArea = 1e-9
    /// The area error always allowed, in target units² (for parcels of almost no area).
    var areaFloor = 0.0
    /// The most points the parcel may have after densification (`TooManyVertices` above it, thrown before the
    /// points are made).
    var maxVertices = Int.max
    /// Levels of halving before an edge whose quadratic never fits is taken as the exact points of the last level.
    var maxDepth = 20

    /// Thrown when the densified parcel would have more than `maxVertices` points.
    struct TooManyVertices: Error {
        /// The points it needs.
        let needed: Int
    }

    /// What the projection did (for tests and benchmarks).
    struct Counts: Equatable {
        /// Points sent through PROJ.
        var transformed = 0
        /// Points of the densified rings.
        var vertices = 0
    }

    /// The densified, transformed rings of one polygon (each closed as its source ring is).
    func project(_ rings: [[(x: Double, y: Double)]]) throws -> [[Coordinate]] {
        try projectWithVertices([rings]).densified[0]
    }

    /// The densified, transformed rings of one polygon, and the same rings with their vertices only.
    func projectWithVertices(
        _ rings: [[(x: Double, y: Double)]]
    ) throws -> (densified: [[Coordinate]], vertices: [[Coordinate]]) {
        let (d, v, _) = try projectWithVertices([rings])
        return (d[0], v[0])
    }

    /// The densified, transformed rings of every polygon of a parcel (the area criterion applies to the whole
    /// parcel), the same with their vertices only, and the counts.
    func projectWithVertices(
        _ polygons: [[[(x: Double, y: Double)]]]
    ) throws
        -> (densified: [[[Coordinate]]], vertices: [[[Coordinate]]], counts: Counts)
    {
        // 1. Every vertex, exactly.
        let rings = polygons.flatMap { $0 }
        var starts: [Int] = [], sourceX: [Double] = [], sourceY: [Double] = []
        for ring in rings {
            starts.append(sourceX.count)
            for p in ring { sourceX.append(p.x); sourceY.append(p.y) }
        }
        var xs = sourceX, ys = sourceY
        try transformation.transform(x: &xs, y: &ys)
        var counts = Counts(transformed: xs.count)

        // 2. Pieces of edges, level by level: each needs its midpoint and quarter points exactly.
        var pending: [Piece] = []
        for (r, ring) in rings.enumerated() where ring.count >= 2 {
            for i in 0..<(ring.count - 1) where ring[i] != ring[i + 1] {
                pending.append(
                    Piece(ring: r, edge: i, t0: 0, t1: 1, f0: starts[r] + i, f1: starts[r] + i + 1, fm: -1, depth: 0))
            }
        }
        var accepted: [Piece] = []
        var level = 0
        while !pending.isEmpty {
            // Points to transform for this level: the midpoint of pieces that lack it, and both quarter points.
            var px: [Double] = [], py: [Double] = []
            var first: [Int] = []
            first.reserveCapacity(pending.count)
            for piece in pending {
                first.append(xs.count + px.count)
                let a = (x: sourceX[starts[piece.ring] + piece.edge], y: sourceY[starts[piece.ring] + piece.edge])
                let b = (
                    x: sourceX[starts[piece.ring] + piece.edge + 1], y: sourceY[starts[piece.ring] + piece.edge + 1]
                )
                let ts = piece.fm < 0 ? [0.5, 0.25, 0.75] : [0.25, 0.75]
                for s in ts {
                    let t = piece.t0 + s * (piece.t1 - piece.t0)
                    px.append(a.x + t * (b.x - a.x))
                    py.append(a.y + t * (b.y - a.y))
                }
            }
            try transformation.transform(x: &px, y: &py)
            counts.transformed += px.count
            xs += px
            ys += py
            var next: [Piece] = []
            for (k, var piece) in pending.enumerated() {
                var at = first[k]
                if piece.fm < 0 { piece.fm = at; at += 1 }
                let q1 = at, q3 = at + 1
                let f0 = (x: xs[piece.f0], y: ys[piece.f0]), fm = (x: xs[piece.fm], y: ys[piece.fm]),
                    f1 = (x: xs[piece.f1], y: ys[piece.f1])
                let e1 = Self.quadratic(f0, fm, f1, t: 0.25), e3 = Self.quadratic(f0, fm, f1, t: 0.75)
                let half = tolerance / 2
                let fits =
                    abs(e1.x - xs[q1]) <= half && abs(e1.y - ys[q1]) <= half
                    && abs(e3.x - xs[q3]) <= half && abs(e3.y - ys[q3]) <= half
                if fits {
                    accepted.append(piece)
                } else if piece.depth >= maxDepth {
                    // The image is not smooth at this scale: keep the exact points of this level as chords.
                    piece.exact = [q1, piece.fm, q3]
                    accepted.append(piece)
                } else {
                    let tm = 0.5 * (piece.t0 + piece.t1)
                    next.append(
                        Piece(
                            ring: piece.ring, edge: piece.edge, t0: piece.t0, t1: tm, f0: piece.f0, f1: piece.fm,
                            fm: q1, depth: piece.depth + 1))
                    next.append(
                        Piece(
                            ring: piece.ring, edge: piece.edge, t0: tm, t1: piece.t1, f0: piece.fm, f1: piece.f1,
                            fm: q3, depth: piece.depth + 1))
                }
            }
            pending = next
            level += 1
        }

        // 3. Chords per piece: within the tolerance, then as many more as the parcel's area needs.
        let chordBudget = tolerance / 2
        var ringSigns: [Double] = []
        var parcelArea = 0.0
        for polygon in polygons {
            for (h, ring) in polygon.enumerated() {
                let r = ringSigns.count
                let n = ring.count
                let area = Shoelace.signedArea(
                    of: (0..<n).map { Coordinate(x: xs[starts[r] + $0], y: ys[starts[r] + $0]) })
                // The parcel's area grows with the exterior's |area| and shrinks with each hole's.
                let sign: Double = (area >= 0 ? 1 : -1) * (h == 0 ? 1 : -1)
                ringSigns.append(sign)
                parcelArea += sign * area
            }
        }
        // Per piece: D, and (c × D) / 3 signed for the parcel.
        var second: [(x: Double, y: Double)] = [], missed: [Double] = []
        var chords: [Int] = []
        second.reserveCapacity(accepted.count)
        for piece in accepted {
            guard piece.exact == nil else { second.append((0, 0)); missed.append(0); chords.append(4); continue }
            let x0 = xs[piece.f0], y0 = ys[piece.f0]
            let cx = xs[piece.f1] - x0, cy = ys[piece.f1] - y0
            let mx = xs[piece.fm] - x0, my = ys[piece.fm] - y0
            let dx = cx - 2 * mx, dy = cy - 2 * my
            second.append((dx, dy))
            missed.append(ringSigns[piece.ring] * (cx * dy - cy * dx) / 3)
            let d = (dx * dx + dy * dy).squareRoot()
            chords.append(Self.chordCount(d / (2 * chordBudget)))
        }
        let budget = max(relativeArea * abs(parcelArea), areaFloor)
        func areaError() -> (signed: Double, absolute: Double) {
            var s = 0.0, a = 0.0
            for k in accepted.indices where missed[k] != 0 {
                let m = Double(chords[k])
                s += missed[k] / (m * m)
                a += abs(missed[k]) / (m * m)
            }
            return (s, a)
        }
        // Scale by the signed error (chords of opposite pieces cancel) a few times, then, if rounding still spoils
        // it, by the absolute one, which bounds the signed error for sure.
        for round in 0..<8 {
            let (signed, absolute) = areaError()
            guard abs(signed) > budget else { break }
            let factor = ((round < 7 ? abs(signed) : absolute) / budget).squareRoot() * (round < 7 ? 1.05 : 1)
            for k in accepted.indices where missed[k] != 0 {
                chords[k] = Self.chordCount(scaling: chords[k], by: factor)
            }
        }

        // 4. Bound the work before making the points.
        var total = sourceX.count
        for k in accepted.indices { total &+= chords[k] - 1 }
        if total > maxVertices { throw TooManyVertices(needed: total) }
        counts.vertices = total

        // 5. The rings: each vertex followed by its edge's pieces' interior points, in order along the edge.
        var piecesOfEdge: [[Int]] = rings.map { [Int](repeating: -1, count: max(0, $0.count - 1)) }
        var order = Array(accepted.indices)
        order.sort {
            (accepted[$0].ring, accepted[$0].edge, accepted[$0].t0) < (
                accepted[$1].ring, accepted[$1].edge, accepted[$1].t0
            )
        }
        for k in order where piecesOfEdge[accepted[k].ring][accepted[k].edge] < 0 {
            piecesOfEdge[accepted[k].ring][accepted[k].edge] = k
        }
        var position = [Int](repeating: 0, count: accepted.count)
        for (i, k) in order.enumerated() { position[k] = i }
        var out: [[Coordinate]] = []
        out.reserveCapacity(rings.count)
        for (r, ring) in rings.enumerated() {
            let base = starts[r]
            var points: [Coordinate] = []
            for i in 0..<ring.count {
                points.append(Coordinate(x: xs[base + i], y: ys[base + i]))
                guard i < ring.count - 1, piecesOfEdge[r][i] >= 0 else { continue }
                var index = position[piecesOfEdge[r][i]]
                while index < order.count, accepted[order[index]].ring == r, accepted[order[index]].edge == i {
                    let k = order[index], piece = accepted[k]
                    if let exact = piece.exact {
                        for e in exact { points.append(Coordinate(x: xs[e], y: ys[e])) }
                    } else {
                        let m = chords[k]
                        let x0 = xs[piece.f0], y0 = ys[piece.f0]
                        let cx = xs[piece.f1] - x0, cy = ys[piece.f1] - y0, (dx, dy) = second[k]
                        for j in 1..<max(m, 1) {
                            let t = Double(j) / Double(m), w = 2 * t * (t - 1)
                            points.append(Coordinate(x: x0 + (t * cx + w * dx), y: y0 + (t * cy + w * dy)))
                        }
                    }
                    index += 1
                    // The piece's end, unless it is the edge's end (the next vertex).
                    if index < order.count, accepted[order[index]].ring == r, accepted[order[index]].edge == i {
                        points.append(Coordinate(x: xs[piece.f1], y: ys[piece.f1]))
                    }
                }
            }
            out.append(points)
        }
        var densified: [[[Coordinate]]] = [], vertices: [[[Coordinate]]] = []
        var r = 0
        for polygon in polygons {
            densified.append(Array(out[r..<(r + polygon.count)]))
            vertices.append(
                (r..<(r + polygon.count)).map { q in
                    (0..<rings[q].count).map { Coordinate(x: xs[starts[q] + $0], y: ys[starts[q] + $0]) }
                })
            r += polygon.count
        }
        return (densified, vertices, counts)
    }

    /// The chords needed for a ratio `x` = m² wanted (at least 1, and capped so that the count stays an Int).
    static func chordCount(_ x: Double) -> Int {
        guard x.isFinite else { return 1 << 40 }
        let m = x > 1 ? x.squareRoot().rounded(.up) : 1
        return Int(min(max(m, 1), Double(1 << 40)))
    }

    /// The chord count `m × factor`, rounded up.
    static func chordCount(scaling m: Int, by factor: Double) -> Int {
        chordCount((Double(m) * factor) * (Double(m) * factor))
    }

    /// The quadratic through f(0) = f0, f(½) = fm, f(1) = f1, at t (computed relative to f0).
    static func quadratic(
        _ f0: (x: Double, y: Double), _ fm: (x: Double, y: Double), _ f1: (x: Double, y: Double),
        t: Double
    ) -> (x: Double, y: Double) {
        let cx = f1.x - f0.x, cy = f1.y - f0.y
        let dx = cx - 2 * (fm.x - f0.x), dy = cy - 2 * (fm.y - f0.y)
        let w = 2 * t * (t - 1)
        return (f0.x + (t * cx + w * dx), f0.y + (t * cy + w * dy))
    }

    /// Part [t0, t1] of source edge `edge` of ring `ring`, with the indices of its exactly transformed ends and
    /// midpoint (−1 until transformed).
    private struct Piece {
        var ring: Int
        var edge: Int
        var t0: Double
        var t1: Double
        var f0: Int
        var f1: Int
        var fm: Int
        var depth: Int
        /// For a piece that never fitted: its exact interior points (quarter, mid, three-quarter).
        var exact: [Int]?
    }
}
