import Testing
@testable import VerdantCore
import TestSupport

/// Randomized properties of `CoverageCalculator` (fixed seed, so every run checks the same cases).
@Suite("CoverageCalculator properties")
struct CoverageCalculatorPropertyTests {
    @Test("Σ fraction × cell area = area of polygon ∩ grid (1e-12 relative), fractions in [0, 1], UTM-like grids")
    func areaIdentityOnRandomPolygons() {
        var random = SplitMix64(seed: 0x5EED_0001)
        var partialCells = 0
        for _ in 0..<400 {
            let grid = RandomPolygons.grid(&random)
            let polygon = RandomPolygons.multiPolygon(&random, on: grid)
            CoverageTestSupport.expectAreaIdentity(polygon, grid)
            let coverage = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow)
            partialCells += coverage.fractions.count { $0 > 0 && $0 < 1 }
        }
        // The cases must exercise partial cells, not only empty or full ones.
        #expect(partialCells > 10_000)
    }

    @Test("lattice polygons: vertices on cell corners and edges, edges along cell boundaries")
    func latticePolygons() {
        var random = SplitMix64(seed: 0x5EED_0006)
        for _ in 0..<300 {
            let grid = RandomPolygons.grid(&random)
            let polygon = MultiPolygon(RandomPolygons.latticeMonotone(&random, on: grid))
            CoverageTestSupport.expectAreaIdentity(polygon, grid)
            // Stitching sub-windows split on lines the polygon's vertices and edges lie on stays bit-identical.
            let whole = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow).fractions
            let parts = CoverageTestSupport.stitched(
                polygon, grid, splitColumn: random.integer(1, grid.columns - 1),
                splitRow: random.integer(1, grid.rows - 1))
            #expect(parts.map(\.bitPattern) == whole.map(\.bitPattern))
        }
    }

    @Test("area identity on windows deep inside a 10980 × 10980 scene of 10 m cells")
    func areaIdentityInLargeScene() throws {
        var random = SplitMix64(seed: 0x5EED_0005)
        let grid = CellGrid(
            originX: 399_960, originY: 9_100_020, cellWidth: 10, cellHeight: 10, columns: 10_980, rows: 10_980)!
        for _ in 0..<100 {
            // A parcel near the scene's south-east corner, where grid-local coordinates are largest.
            let cx = grid.originX + random.uniform(10_500, 10_970) * 10,
                cy = grid.originY - random.uniform(10_500, 10_970) * 10
            let polygon = MultiPolygon(RandomPolygons.polygon(&random, cx: cx, cy: cy, size: random.uniform(5, 400)))
            let coverage = try #require(CoverageCalculator.coverageFractions(of: polygon, on: grid))
            let expected = ReferenceGeometry.areaInsideWindow(polygon, grid, coverage.window)
            let measured = coverage.sum * grid.cellArea
            #expect(
                abs(measured - expected) <= 1e-12 * Swift.max(expected, grid.cellArea), "\(measured) vs \(expected)")
            #expect(coverage.fractions.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
    }

    @Test("the bounding-box window gives the same fractions as the full grid")
    func boundingBoxWindowMatchesFullGrid() {
        var random = SplitMix64(seed: 0x5EED_0003)
        for _ in 0..<100 {
            let grid = RandomPolygons.grid(&random)
            let polygon = RandomPolygons.multiPolygon(&random, on: grid)
            let full = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow)
            guard let boxed = CoverageCalculator.coverageFractions(of: polygon, on: grid) else {
                #expect(full.sum == 0)
                continue
            }
            for row in 0..<grid.rows {
                for column in 0..<grid.columns {
                    #expect(boxed[column: column, row: row] == full[column: column, row: row])
                }
            }
        }
    }

    @Test("fractions do not depend on ring orientation, closure or vertex rotation beyond round-off")
    func presentationInvariance() {
        var random = SplitMix64(seed: 0x5EED_0004)
        for _ in 0..<100 {
            let grid = RandomPolygons.grid(&random)
            let polygon = RandomPolygons.multiPolygon(&random, on: grid)
            let variant = MultiPolygon(
                polygons: polygon.polygons.map { part in
                    func present(_ ring: [Coordinate]) -> [Coordinate] {
                        var open = ring.first == ring.last ? Array(ring.dropLast()) : ring
                        let shift = random.integer(0, open.count - 1)
                        open = Array(open[shift...] + open[..<shift])
                        return RandomPolygons.randomlyPresented(open, &random)
                    }
                    return Polygon(exterior: present(part.exterior), holes: part.holes.map(present))
                })
            let a = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow)
            let b = CoverageCalculator.coverageFractions(of: variant, on: grid, in: grid.fullWindow)
            for (x, y) in zip(a.fractions, b.fractions) {
                #expect(abs(x - y) <= 1e-12)
            }
        }
    }
}
