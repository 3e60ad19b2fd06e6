import Foundation
import GDALKit
import Testing
@testable import Verdant
@testable import VerdantCore

/// The ring projector splits edges by the error of their chords, not by a length: its chords stay within the
/// tolerance of the exact images, whatever the cell size, with few PROJ calls.
@Suite struct RingProjectorTests {
    static let lonLat = try! SpatialReference(userInput: "EPSG:4326")
    static let utm = try! SpatialReference(userInput: "EPSG:32647")
    static func transformation() throws -> CoordinateTransformation {
        try CoordinateTransformation(from: lonLat, to: utm)
    }
    /// 2.5 half-cells of 10 m, in degrees.
    static let step = 5 / (6_378_137 * Double.pi / 180)

    /// A ring with 3 km edges, short edges, and a hole.
    static let polygon: [[(x: Double, y: Double)]] = [
        [
            (100.0, 14.6), (100.03, 14.6), (100.03, 14.6 + 2.5 * step), (100.03 - 1.5 * step, 14.6 + 2.5 * step),
            (100.03 - 0.5 * step, 14.62), (100.0, 14.62), (100.0, 14.6)
        ],
        [(100.01, 14.605), (100.011, 14.605), (100.011, 14.606), (100.01, 14.605)]
    ]

    /// The distance from `p` to the polyline `ring`.
    static func distance(_ p: (x: Double, y: Double), to ring: [Coordinate]) -> Double {
        var best = Double.infinity
        for (a, b) in zip(ring, ring.dropFirst()) {
            let dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy
            let t = len2 > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0), 1) : 0
            best = min(best, hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)))
        }
        return best
    }

    @Test(arguments: [1e-6, 1e-4, 1e-2])
    func chordsStayWithinTheToleranceOfTheExactCurve(tolerance: Double) throws {
        let ct = try Self.transformation()
        let projector = RingProjector(transformation: ct, tolerance: tolerance)
        let got = try projector.project(Self.polygon)
        // Exact images of 100 points along every source edge lie within the tolerance of the densified rings.
        var worst = 0.0
        for (r, ring) in Self.polygon.enumerated() {
            var xs: [Double] = [], ys: [Double] = []
            for (a, b) in zip(ring, ring.dropFirst()) {
                for k in 0..<100 {
                    let t = (Double(k) + 0.37) / 100
                    xs.append(a.x + t * (b.x - a.x)); ys.append(a.y + t * (b.y - a.y))
                }
            }
            try ct.transform(x: &xs, y: &ys)
            for (x, y) in zip(xs, ys) { worst = max(worst, Self.distance((x, y), to: got[r])) }
        }
        #expect(worst <= tolerance, "worst distance \(worst) m for a tolerance of \(tolerance) m")
        #expect(got[0].first == got[0].last && got[1].first == got[1].last)
    }

    @Test func pointCountsFollowTheErrorNotTheCellSize() throws {
        let ct = try Self.transformation()
        // The 3 km edges bow by ~3e-2 m; at 1e-6 m they need ~100 chords, at 1 mm ~4, at 1 m none (the area
        // criterion set aside here).
        let counts = try [1e-6, 1e-3, 1.0].map { tolerance in
            var projector = RingProjector(transformation: ct, tolerance: tolerance)
            projector.relativeArea = 1
            return try projector.projectWithVertices([Self.polygon]).counts
        }
        #expect(counts[2].vertices == 7 + 4, "no interior point when the tolerance exceeds every bow")
        #expect(counts[1].vertices > counts[2].vertices && counts[1].vertices < 40)
        #expect(counts[0].vertices > 100 && counts[0].vertices < 1_000)
        // PROJ sees the vertices and three points per edge when every quadratic fits at once; at 1e-6 m the two
        // 3 km edges are halved twice (their quadratics miss by 6e-6 m, then 7.6e-7 m): 2 points per new piece.
        #expect(counts[2].transformed == 11 + 3 * 9 && counts[1].transformed == 11 + 3 * 9)
        #expect(counts[0].transformed == 11 + 3 * 9 + 2 * (2 + 4) * 2)
        // The loader's tolerance for a 10 m cell and for a 1e-9 m cell (or a corrupt pixel scale) is the same
        // micrometre floor, so tiny cells cost no more than 10 m ones.
        for cell in [10.0, 1e-9] {
            let grid = try RasterGrid(
                path: "t.tif", width: 10, height: 10,
                geoTransform: GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: cell, cellHeight: cell),
                crs: Self.utm)
            #expect(ParcelLoader.densifyTolerance(grid: grid) == 1e-6)
        }
    }

    @Test func theAreaCriterionAddsChordsToThinParcels() throws {
        let ct = try Self.transformation()
        // A 3 km × 0.2 m sliver: its long edges' bows are 1e-9 of its area only with many more chords.
        let w = 0.2 / 111_320
        let sliver: [[(x: Double, y: Double)]] = [
            [(100.0, 14.6), (100.03, 14.6 + w * 0.3), (100.03, 14.6 + w * 1.3), (100.0, 14.6)]
        ]
        var loose = RingProjector(transformation: ct, tolerance: 1e-3)
        loose.relativeArea = 1
        var strict = loose
        strict.relativeArea = 1e-9
        let a = try loose.projectWithVertices([sliver]).counts, b = try strict.projectWithVertices([sliver]).counts
        #expect(b.vertices > a.vertices)
        #expect(b.transformed == a.transformed, "more chords, no more PROJ points")
    }

    @Test func tooManyVerticesIsThrownBeforeThePointsAreMade() throws {
        var projector = RingProjector(transformation: try Self.transformation(), tolerance: 1e-6)
        projector.maxVertices = 50
        #expect(throws: RingProjector.TooManyVertices.self) { try projector.project(Self.polygon) }
        projector.maxVertices = 5
        // Even the vertices alone.
        #expect(throws: RingProjector.TooManyVertices.self) { try projector.project(Self.polygon) }
    }

    @Test func quadraticThroughThreePoints() {
        // Exact for a quadratic: f(t) = (t², 3t − 1).
        let q = RingProjector.quadratic((0, -1), (0.25, 0.5), (1, 2), t: 0.3)
        #expect(abs(q.x - 0.09) < 1e-15 && abs(q.y - (-0.1)) < 1e-15)
    }

    @Test func untransformablePointsThrow() throws {
        let projector = RingProjector(transformation: try Self.transformation(), tolerance: 1e-6)
        #expect(throws: (any Error).self) { try projector.project([[(100, 91), (101, 91), (101, 92), (100, 91)]]) }
    }
}
