import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// Spiky and self-intersecting parcels: decided by the sweep (not GEOS's quadratic check), measured right, and
/// refused with a clear error when they would take too long.
@Suite struct SpikyParcelTests {
    static let centre = (x: 99.9464, y: 14.4572)

    /// n vertices at angles 2πk/n, random radii in [0.001°, 0.005°] around the sample raster's centre.
    static func star(_ n: Int, seed: UInt64 = 7) -> [(Double, Double)] {
        var rng = SplitMix64(seed: seed)
        var ring = (0..<n).map { k -> (Double, Double) in
            let a = 2 * Double.pi * Double(k) / Double(n), r = 0.001 + 0.004 * rng.uniform(0, 1)
            return (centre.x + r * cos(a), centre.y + r * sin(a))
        }
        ring.append(ring[0])
        return ring
    }

    /// Goes east zig-zagging between two latitudes, comes back in the opposite phase: n/2 figure-eights.
    static func eights(_ n: Int) -> [(Double, Double)] {
        let steps = n / 2, dx = 0.008 / Double(steps), west = centre.x - 0.004
        var ring = (0...steps).map { k in (west + Double(k) * dx, centre.y + (k % 2 == 1 ? 0.002 : 0)) }
        ring += (0...steps).reversed().map { k in (west + Double(k) * dx, centre.y + (k % 2 == 1 ? 0 : 0.002)) }
        ring.append(ring[0])
        return ring
    }

    static func grid() throws -> RasterGrid {
        try ResolvedInputs.resolve(
            .stacked(
                path: ProjectRoot.sample("sentinel2_l2a_stack.tif"), red: .index(3), nir: .index(4), scaling: .identity),
            roles: [.red, .nir]
        ).grid
    }

    static func write(_ ring: [(Double, Double)], _ folder: TemporaryFolder, id: String = "spiky") throws -> String {
        try VectorFixture.geojson(
            folder.file("\(id).geojson"), crs: nil,
            features: [.init(properties: [("parcel_id", "\"\(id)\"")], polygons: [[ring]])])
    }

    static func points(_ ring: [(Double, Double)]) -> [(x: Double, y: Double)] { ring.map { (x: $0.0, y: $0.1) } }

    @Test func sweepDecidesStarsAndEights() {
        #expect(SimpleRingCheck.check(Self.points(Self.star(10_000))) == .simple)
        #expect(SimpleRingCheck.check(Self.points(Self.eights(1_000))) == .crosses)
        #expect(SimpleRingCheck.check(Self.points([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])) == .simple)
        #expect(SimpleRingCheck.check(Self.points([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])) == .crosses)
        // Repeated points are allowed; a ring touching itself at a vertex, or a spike running back, is left to GEOS.
        #expect(SimpleRingCheck.check(Self.points([(0, 0), (1, 0), (1, 0), (1, 1), (0, 1), (0, 0)])) == .simple)
        #expect(
            SimpleRingCheck.check(Self.points([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2), (1, 1), (0, 0)])) == .unknown)
        #expect(SimpleRingCheck.check(Self.points([(0, 0), (2, 0), (3, 0), (2, 0), (2, 1), (0, 0)])) == .unknown)
        // Vertical edges (and a vertex on a straight run, valid for GEOS too); a vertex lying on another edge.
        #expect(SimpleRingCheck.check(Self.points([(0, 0), (0, 1), (0, 2), (1, 2), (1, 0), (0, 0)])) == .simple)
        #expect(SimpleRingCheck.check(Self.points([(0, 0), (3, 0), (3, 3), (1.5, 0), (0, 3), (0, 0)])) == .unknown)
    }

    /// Random rings (many self-intersecting) against GEOS: the sweep is never wrong when it answers.
    @Test func sweepAgreesWithGEOS() throws {
        var rng = SplitMix64(seed: 42)
        var answered = 0
        for trial in 0..<400 {
            let n = 4 + trial % 20
            var ring: [(Double, Double)] = (0..<n).map { k in
                trial % 3 == 0
                    ? (
                        cos(2 * .pi * Double(k) / Double(n)) * (0.2 + rng.uniform(0, 1)),
                        sin(2 * .pi * Double(k) / Double(n)) * (0.2 + rng.uniform(0, 1))
                    )
                    : ((rng.uniform(0, 1) * 8).rounded() / 8, (rng.uniform(0, 1) * 8).rounded() / 8)
            }
            ring.append(ring[0])
            let answer = SimpleRingCheck.check(Self.points(ring))
            guard answer != .unknown else { continue }
            answered += 1
            let valid = Geometry(multiPolygon: [[Self.points(ring)]]).isValid
            #expect(valid == (answer == .simple), "ring \(ring): sweep \(answer), GEOS valid \(valid)")
        }
        #expect(answered > 200)
    }

    @Test func aTenThousandVertexStarIsMeasuredExactly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ring = Self.star(10_000)
        let grid = try Self.grid()
        let parcel = try ParcelLoader.load(
            ParcelSource(path: try Self.write(ring, folder), idField: "parcel_id"), onto: grid
        ).parcels[0]
        #expect(parcel.notes.isEmpty, "\(parcel.notes)")
        // GEOS's area of the ring cut into 1 m pieces and transformed point by point.
        let g = Geometry(multiPolygon: [[Self.points(ring)]])
        g.segmentize(maxLength: 1 / 111_320.0)
        try g.transform(
            try CoordinateTransformation(
                from: SpatialReference(userInput: "EPSG:4326"), to: SpatialReference(userInput: grid.crsWKT)))
        let area = parcel.geometry.area
        #expect(abs(area - g.area) <= 1e-8 * g.area, "\(area) vs GEOS \(g.area)")
        let coverage = SparseCoverage(polygon: parcel.geometry, grid: try #require(grid.cellGrid))
        #expect(abs(coverage.coveredCells * 100 - area) <= 1e-9 * area)
        // Edges of a few hundred metres need few points: far fewer than half-cell densification's ~50 per edge.
        let points = parcel.geometry.polygons.reduce(0) { $0 + $1.exterior.count }
        #expect(points < 30 * ring.count, "\(points) points")
    }

    @Test func figureEightsAreRepairedAndMeasured() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ring = Self.eights(2_000)
        let grid = try Self.grid()
        let parcel = try ParcelLoader.load(
            ParcelSource(path: try Self.write(ring, folder), idField: "parcel_id"), onto: grid
        ).parcels[0]
        #expect(parcel.notes.contains { $0.contains("MakeValid") })
        let g = try Geometry(multiPolygon: [[Self.points(ring)]]).makeValid()
        g.segmentize(maxLength: 1 / 111_320.0)
        try g.transform(
            try CoordinateTransformation(
                from: SpatialReference(userInput: "EPSG:4326"), to: SpatialReference(userInput: grid.crsWKT)))
        let area = parcel.geometry.area
        #expect(abs(area - g.area) <= 1e-8 * g.area, "\(area) vs GEOS \(g.area)")
        #expect(parcel.geometry.polygons.count >= 1_000, "one part per lobe")
        let coverage = SparseCoverage(polygon: parcel.geometry, grid: try #require(grid.cellGrid))
        #expect(abs(coverage.coveredCells * 100 - area) <= 1e-9 * area)
    }

    @Test func limitsRefuseBeforeTheWork() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let grid = try Self.grid()
        func message(_ path: String, _ limits: VertexLimits) -> String {
            do {
                _ = try ParcelLoader.load(ParcelSource(path: path, idField: "parcel_id"), onto: grid, limits: limits);
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let eights = try Self.write(Self.eights(10_000), folder, id: "eights")
        let m1 = message(eights, VertexLimits())
        #expect(
            m1.contains("eights.geojson") && m1.contains("'eights'") && m1.contains("maxRepairVertices 5000"), "\(m1)")
        let star = try Self.write(Self.star(2_000), folder, id: "star")
        let m2 = message(star, VertexLimits(perParcel: 1_000))
        #expect(m2.contains("star.geojson") && m2.contains("'star'") && m2.contains("maxParcelVertices 1000"), "\(m2)")
        // Under the source limit, over it once densified.
        let m3 = message(star, VertexLimits(perParcel: 2_100))
        #expect(m3.contains("after densification") && m3.contains("maxParcelVertices 2100"), "\(m3)")
        let m4 = message(ProjectRoot.sample("sentinel2_parcels.geojson"), VertexLimits(total: 40))
        #expect(m4.contains("maxTotalVertices 40"), "\(m4)")
        #expect(message(ProjectRoot.sample("sentinel2_parcels.geojson"), VertexLimits()) == "no error")
    }
}
