#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import Testing
@testable import VerdantCore

/// Ellipsoidal areas checked against independent numerical integration in the test.
@Suite("Ellipsoid")
struct EllipsoidTests {
    private let wgs84 = Ellipsoid.wgs84
    private let radians = Double.pi / 180

    /// The WGS 84 area density per radian² of (λ, φ): a²(1 − e²) cos φ / (1 − e² sin² φ)², computed from scratch.
    private func density(_ latitude: Double) -> Double {
        let a = 6_378_137.0, f = 1 / 298.257223563
        let e2 = f * (2 - f)
        let s = sin(latitude)
        let d = 1 - e2 * s * s
        return a * a * (1 - e2) * cos(latitude) / (d * d)
    }

    /// Composite Simpson's rule with `intervals` (even) intervals, improved by one Richardson step (order h⁶).
    private func integrate(_ low: Double, _ high: Double, intervals: Int, _ f: (Double) -> Double) -> Double {
        func simpson(_ n: Int) -> Double {
            let h = (high - low) / Double(n)
            var sum = f(low) + f(high)
            for i in 1..<n { sum += f(low + Double(i) * h) * (i % 2 == 1 ? 4 : 2) }
            return sum * h / 3
        }
        let coarse = simpson(intervals), fine = simpson(2 * intervals)
        return fine + (fine - coarse) / 15
    }

    private func relativeError(_ value: Double, _ reference: Double) -> Double {
        abs(value - reference) / abs(reference)
    }

    @Test("row area between 0° and 1° over 1° of longitude matches numerical integration")
    func rowAreaAgainstIntegration() {
        for (south, north) in [(0.0, 1.0), (60.0, 61.0), (-45.5, -44.25), (89.0, 90.0), (45.0, 45 + 10 / 111_000.0)] {
            // In degree offsets from the southern latitude, so the thin row keeps its precision.
            let reference =
                integrate(0, north - south, intervals: 200) { density((south + $0) * radians) } * radians * radians
            let area = wgs84.cellRowArea(southLatitude: south, northLatitude: north, longitudeSpan: 1)
            #expect(relativeError(area, reference) <= 1e-12, "\(south)–\(north): \(area) vs \(reference)")
        }
        // 12 308.464 km² for the equatorial 1° × 1° cell (value from a separate Simpson integration).
        let equatorial = wgs84.cellRowArea(southLatitude: 0, northLatitude: 1, longitudeSpan: 1)
        #expect(abs(equatorial / 1e6 - 12_308.4639) < 1e-3)
    }

    @Test("row area is non-negative whatever the order of latitudes or the sign of the span")
    func rowAreaSigns() {
        let area = wgs84.cellRowArea(southLatitude: 10, northLatitude: 11, longitudeSpan: 2)
        #expect(area > 0)
        #expect(wgs84.cellRowArea(southLatitude: 11, northLatitude: 10, longitudeSpan: 2) == area)
        #expect(wgs84.cellRowArea(southLatitude: 10, northLatitude: 11, longitudeSpan: -2) == area)
        #expect(wgs84.cellRowArea(southLatitude: 10, northLatitude: 10, longitudeSpan: 2) == 0)
    }

    @Test("the whole WGS 84 ellipsoid measures 510 065 621.7 km²; a sphere 4πa²")
    func wholeEllipsoid() {
        let total = wgs84.cellRowArea(southLatitude: -90, northLatitude: 90, longitudeSpan: 360)
        #expect(abs(total / 1e6 - 510_065_621.7) < 0.1)
        for inverseFlattening in [0.0, .infinity] {
            let sphere = Ellipsoid(semiMajorAxis: 6_371_000, inverseFlattening: inverseFlattening)
            let area = sphere.cellRowArea(southLatitude: -90, northLatitude: 90, longitudeSpan: 360)
            #expect(relativeError(area, 4 * Double.pi * 6_371_000 * 6_371_000) <= 1e-14)
        }
    }

    @Test("cell areas of a global 1° lon/lat grid sum to the whole ellipsoid")
    func gridCellAreas() {
        let grid = CellGrid(originX: -180, originY: 90, cellWidth: 1, cellHeight: 1, columns: 360, rows: 180)!
        var total = 0.0
        for row in 0..<grid.rows { total += wgs84.cellArea(row: row, of: grid) * Double(grid.columns) }
        let whole = wgs84.cellRowArea(southLatitude: -90, northLatitude: 90, longitudeSpan: 360)
        #expect(relativeError(total, whole) <= 1e-13)
        #expect(
            wgs84.cellArea(row: 89, of: grid) == wgs84.cellRowArea(southLatitude: 0, northLatitude: 1, longitudeSpan: 1)
        )
    }

    @Test("a lon/lat box polygon's area equals the sum of the row areas of the grid cells it covers")
    func boxAgainstRowSums() throws {
        let grid = try #require(
            CellGrid(originX: 100, originY: 10, cellWidth: 0.25, cellHeight: 0.25, columns: 40, rows: 40))
        // Columns 5 ..< 8 and rows 10 ..< 21: x ∈ [101.25, 102], y ∈ [4.75, 7.5].
        var rowSum = 0.0
        for row in 10..<21 { rowSum += 3 * wgs84.cellArea(row: row, of: grid) }
        let box = Polygon(exterior: CoverageTestSupport.rectangle(101.25, 4.75, 102, 7.5))
        #expect(relativeError(wgs84.area(of: box), rowSum) <= 1e-12)
        // The same box's coverage weighted by the row cell areas gives the same area (cells are fully covered).
        let coverage = try #require(CoverageCalculator.coverageFractions(of: MultiPolygon(box), on: grid))
        let weighted = coverage.weightedSum { _, row in wgs84.cellArea(row: row, of: grid) }
        #expect(relativeError(weighted, rowSum) <= 1e-12)
    }

    @Test("a lon/lat box polygon's area equals the row-area formula, for large and tiny boxes")
    func boxPolygon() {
        let boxes: [(Double, Double, Double, Double)] = [
            (10, 45, 11.5, 46.25), (-170, -80, 170, 80), (100, 59.9999, 100.0001, 60), (-3, -0.5, -2.99991, -0.49991)
        ]
        for (west, south, east, north) in boxes {
            let ring = CoverageTestSupport.rectangle(west, south, east, north)
            let expected = wgs84.cellRowArea(southLatitude: south, northLatitude: north, longitudeSpan: east - west)
            #expect(relativeError(wgs84.area(of: Polygon(exterior: ring)), expected) <= 1e-12)
            #expect(relativeError(wgs84.area(of: Polygon(exterior: ring.reversed() + [ring.last!])), expected) <= 1e-12)
        }
    }

    @Test("holes are subtracted and parts added")
    func holesAndParts() {
        let outer = CoverageTestSupport.rectangle(0, 0, 2, 2), hole = CoverageTestSupport.rectangle(0.5, 0.5, 1, 1.5)
        let expected =
            wgs84.cellRowArea(southLatitude: 0, northLatitude: 2, longitudeSpan: 2)
            - wgs84.cellRowArea(southLatitude: 0.5, northLatitude: 1.5, longitudeSpan: 0.5)
        let polygon = Polygon(exterior: outer, holes: [hole.reversed()])
        #expect(relativeError(wgs84.area(of: polygon), expected) <= 1e-12)
        let other = Polygon(exterior: CoverageTestSupport.rectangle(5, -3, 6, -2))
        let both = wgs84.area(of: MultiPolygon(polygons: [polygon, other]))
        #expect(
            relativeError(both, expected + wgs84.cellRowArea(southLatitude: -3, northLatitude: -2, longitudeSpan: 1))
                <= 1e-12)
    }

    @Test("triangles match a numerical double integral of the area density")
    func triangles() {
        let triangles: [[(Double, Double)]] = [
            [(10, 40), (13, 41), (11, 44)],
            [(0, 0), (60, 10), (20, 70)],
            [(-120.001, -33.0004), (-120.0002, -33.0009), (-120.0006, -32.9998)]
        ]
        for vertices in triangles {
            let reference = doubleIntegral(overTriangle: vertices)
            let area = wgs84.area(of: Polygon(exterior: CoverageTestSupport.ring(vertices)))
            #expect(relativeError(area, reference) <= 1e-12, "\(vertices): \(area) vs \(reference)")
        }
    }

    /// ∬ density dφ dλ over a triangle whose edges are straight in (λ, φ) degrees: Simpson in φ between the lower
    /// and upper edges, then in λ, split at the middle vertex. Works in degree offsets from the first vertex, so
    /// tiny triangles keep their precision.
    private func doubleIntegral(overTriangle vertices: [(Double, Double)]) -> Double {
        let (longitude0, latitude0) = vertices[0]
        let local = vertices.map { ($0.0 - longitude0, $0.1 - latitude0) }.sorted { $0.0 < $1.0 }
        let (a, b, c) = (local[0], local[1], local[2])
        func latitude(on p: (Double, Double), _ q: (Double, Double), at x: Double) -> Double {
            p.1 + (x - p.0) / (q.0 - p.0) * (q.1 - p.1)
        }
        func column(
            _ x: Double, _ edge1: ((Double, Double), (Double, Double)), _ edge2: ((Double, Double), (Double, Double))
        ) -> Double {
            let y1 = latitude(on: edge1.0, edge1.1, at: x), y2 = latitude(on: edge2.0, edge2.1, at: x)
            let inner = integrate(Swift.min(y1, y2), Swift.max(y1, y2), intervals: 100) { y in
                density((latitude0 + y) * radians)
            }
            return inner * radians
        }
        let left = integrate(a.0, b.0, intervals: 200) { column($0, (a, c), (a, b)) }
        let right = integrate(b.0, c.0, intervals: 200) { column($0, (a, c), (b, c)) }
        return (left + right) * radians
    }
}
