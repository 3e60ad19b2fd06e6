import Foundation
import GDALKit
import Testing
@testable import Verdant

/// The ring projector gives the points of GDAL's Segmentize followed by a transformation of every point, while
/// sending only vertices, midpoints and check points through PROJ.
@Suite struct RingProjectorTests {
    static let lonLat = try! SpatialReference(userInput: "EPSG:4326")
    static let utm = try! SpatialReference(userInput: "EPSG:32647")
    /// Half a 10 m cell in degrees, as the loader computes it.
    static let step = 5 / (6_378_137 * Double.pi / 180)

    /// A ring with a 3 km edge, edges with 0, 1, 2 and many interior points, and a hole.
    static let polygon: [[(x: Double, y: Double)]] = [
        [(100.0, 14.6), (100.03, 14.6), (100.03, 14.6 + 2.5 * step), (100.03 - 1.5 * step, 14.6 + 2.5 * step),
         (100.03 - 0.5 * step, 14.62), (100.0, 14.62), (100.0, 14.6)],
        [(100.01, 14.605), (100.011, 14.605), (100.011, 14.606), (100.01, 14.605)],
    ]

    /// GDAL's own Segmentize and transformation of every point.
    static func reference(_ rings: [[(x: Double, y: Double)]]) throws -> [[(x: Double, y: Double)]] {
        let g = Geometry(multiPolygon: [rings])
        g.segmentize(maxLength: step)
        try g.transform(try CoordinateTransformation(from: lonLat, to: utm))
        return g.polygons().polygons[0]
    }

    @Test(arguments: [1e-7, 0.0])
    func samePointsAsSegmentizeThenTransform(tolerance: Double) throws {
        let projector = RingProjector(transformation: try CoordinateTransformation(from: Self.lonLat, to: Self.utm),
                                      maxLength: Self.step, tolerance: tolerance)
        let got = try projector.project(Self.polygon)
        let expected = try Self.reference(Self.polygon)
        #expect(got.count == expected.count)
        var worst = 0.0
        for (g, e) in zip(got, expected) {
            #expect(g.count == e.count, "point counts differ: \(g.count) vs \(e.count)")
            for (p, q) in zip(g, e) { worst = max(worst, abs(p.x - q.x), abs(p.y - q.y)) }
        }
        // Quadratic interior points agree with PROJ to well under a micrometre; exact ones to rounding.
        #expect(worst < (tolerance == 0 ? 1e-8 : 1e-7), "worst difference \(worst) m")
        #expect(got[0].count > 600, "the 3 km edges are densified")
    }

    @Test func interiorPointCountsFollowSegmentize() throws {
        let projector = RingProjector(transformation: try CoordinateTransformation(from: Self.lonLat, to: Self.utm),
                                      maxLength: 1, tolerance: 0)
        #expect(projector.interiorPoints(dx: 1, dy: 0) == 0)
        #expect(projector.interiorPoints(dx: 1.000001, dy: 0) == 0)
        #expect(projector.interiorPoints(dx: 1.5, dy: 0) == 1)
        #expect(projector.interiorPoints(dx: 2.0, dy: 0) == 1)
        #expect(projector.interiorPoints(dx: 2.5, dy: 0) == 2)
        #expect(projector.interiorPoints(dx: 3, dy: 4) == 4)
    }

    @Test func quadraticThroughThreePoints() {
        // Exact for a quadratic: f(t) = (t², 3t − 1).
        let q = RingProjector.quadratic((0, -1), (0.25, 0.5), (1, 2), t: 0.3)
        #expect(abs(q.x - 0.09) < 1e-15 && abs(q.y - (-0.1)) < 1e-15)
    }

    @Test func untransformablePointsThrow() throws {
        let projector = RingProjector(transformation: try CoordinateTransformation(from: Self.lonLat, to: Self.utm),
                                      maxLength: Self.step, tolerance: 1e-7)
        #expect(throws: (any Error).self) { try projector.project([[(100, 91), (101, 91), (101, 92), (100, 91)]]) }
    }
}
