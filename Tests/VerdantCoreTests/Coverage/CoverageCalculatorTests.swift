import Testing
@testable import VerdantCore

/// Hand-computed fixtures of `CoverageCalculator` on a 3 × 3 grid. In fixture coordinates the grid spans
/// [0, 3] × [0, 3]; rows are listed north first, so the last row is y ∈ [0, 1].
@Suite("CoverageCalculator fixtures")
struct CoverageCalculatorTests {
    typealias Support = CoverageTestSupport

    /// Checks the fractions and the area identity, for the ring as given and reversed.
    private func check(
        _ polygon: MultiPolygon, _ frame: FixtureFrame, _ expected: [[Double]],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let placed = frame.place(polygon)
        Support.expectFractions(
            placed, frame.grid, expected, tolerance: frame.tolerance, sourceLocation: sourceLocation)
        Support.expectAreaIdentity(placed, frame.grid, sourceLocation: sourceLocation)
        let reversed = MultiPolygon(
            polygons: placed.polygons.map {
                Polygon(exterior: $0.exterior.reversed(), holes: $0.holes.map { $0.reversed() })
            })
        Support.expectFractions(
            reversed, frame.grid, expected, tolerance: frame.tolerance, sourceLocation: sourceLocation)
    }

    @Test("pixel-aligned square covers exactly its cell", arguments: FixtureFrame.allCases)
    func pixelAlignedSquare(frame: FixtureFrame) {
        check(
            MultiPolygon(Polygon(exterior: Support.rectangle(1, 1, 2, 2))), frame,
            [[0, 0, 0], [0, 1, 0], [0, 0, 0]])
    }

    @Test("square offset by half a cell gives the 0.25 / 0.5 / 1 pattern", arguments: FixtureFrame.allCases)
    func halfCellOffsetSquare(frame: FixtureFrame) {
        check(
            MultiPolygon(Polygon(exterior: Support.rectangle(0.5, 0.5, 2.5, 2.5))), frame,
            [[0.25, 0.5, 0.25], [0.5, 1, 0.5], [0.25, 0.5, 0.25]])
    }

    @Test("triangle with its hypotenuse through cell corners", arguments: FixtureFrame.allCases)
    func triangleThroughCorners(frame: FixtureFrame) {
        check(
            MultiPolygon(Polygon(exterior: Support.ring([(0, 0), (3, 0), (0, 3)]))), frame,
            [[0.5, 0, 0], [1, 0.5, 0], [1, 1, 0.5]])
    }

    @Test("triangle with partial cells (1/8, 1/4, 1/2)", arguments: FixtureFrame.allCases)
    func triangleWithPartialCells(frame: FixtureFrame) {
        // Legs of 2 from (0.5, 0.5); hypotenuse x + y = 3. Cell (2, 0) holds ∫₂^2.5 (2.5 − x) dx = 1/8.
        check(
            MultiPolygon(Polygon(exterior: Support.ring([(0.5, 0.5), (2.5, 0.5), (0.5, 2.5)]))), frame,
            [[0.125, 0, 0], [0.5, 0.5, 0], [0.25, 0.5, 0.125]])
    }

    @Test("polygon smaller than one cell straddling a cell corner", arguments: FixtureFrame.allCases)
    func smallerThanOneCell(frame: FixtureFrame) {
        check(
            MultiPolygon(Polygon(exterior: Support.rectangle(0.9, 0.9, 1.1, 1.1))), frame,
            [[0, 0, 0], [0.01, 0.01, 0], [0.01, 0.01, 0]])
    }

    @Test("polygon inside one cell", arguments: FixtureFrame.allCases)
    func insideOneCell(frame: FixtureFrame) {
        check(
            MultiPolygon(Polygon(exterior: Support.ring([(1.2, 1.2), (1.8, 1.2), (1.5, 1.8)]))), frame,
            [[0, 0, 0], [0, 0.18, 0], [0, 0, 0]])
    }

    @Test("polygon larger than the grid covers every cell fully", arguments: FixtureFrame.allCases)
    func largerThanGrid(frame: FixtureFrame) {
        check(
            MultiPolygon(Polygon(exterior: Support.ring([(-7, -2), (11, -5), (4, 12)]))), frame,
            [[1, 1, 1], [1, 1, 1], [1, 1, 1]])
    }

    @Test("ring with a hole", arguments: FixtureFrame.allCases)
    func ringWithHole(frame: FixtureFrame) {
        check(
            MultiPolygon(Polygon(exterior: Support.rectangle(0, 0, 3, 3), holes: [Support.rectangle(1, 1, 2, 2)])),
            frame,
            [[1, 1, 1], [1, 0, 1], [1, 1, 1]])
        // A hole offset by half a cell, with the exterior reversed relative to the hole.
        check(
            MultiPolygon(
                Polygon(
                    exterior: Support.rectangle(0, 0, 3, 3).reversed(),
                    holes: [Support.rectangle(0.5, 0.5, 1.5, 1.5)])), frame,
            [[1, 1, 1], [0.75, 0.75, 1], [0.75, 0.75, 1]])
    }

    @Test("multipolygon parts add up", arguments: FixtureFrame.allCases)
    func multipolygon(frame: FixtureFrame) {
        let parts = MultiPolygon(polygons: [
            Polygon(exterior: Support.rectangle(0, 0, 1, 1)),
            Polygon(exterior: Support.rectangle(1.5, 2, 3, 3)),
            Polygon(exterior: Support.ring([(2.2, 0.2), (2.8, 0.2), (2.5, 0.8)]))
        ])
        check(parts, frame, [[0, 0.5, 1], [0, 0, 0], [1, 0, 0.18]])
    }

    @Test("clockwise and counter-clockwise rings give the same fractions", arguments: FixtureFrame.allCases)
    func orientation(frame: FixtureFrame) {
        let ring = frame.place(Support.ring([(0.3, 0.2), (2.7, 0.9), (1.1, 1.4), (2.2, 2.8), (0.4, 2.1)]))
        let grid = frame.grid
        let counterClockwise = CoverageCalculator.coverageFractions(
            of: Polygon(exterior: ring), on: grid, in: grid.fullWindow)
        let clockwise = CoverageCalculator.coverageFractions(
            of: Polygon(exterior: ring.reversed()), on: grid, in: grid.fullWindow)
        for (a, b) in zip(counterClockwise.fractions, clockwise.fractions) {
            #expect(abs(a - b) <= 1e-14)
        }
        #expect(counterClockwise.fractions.contains { $0 > 0 && $0 < 1 })
        Support.expectAreaIdentity(MultiPolygon(Polygon(exterior: ring)), grid)
    }

    @Test("vertices exactly on cell edges (a diamond) and corners", arguments: FixtureFrame.allCases)
    func verticesOnCellEdgesAndCorners(frame: FixtureFrame) {
        // |x − 1.5| + |y − 1.5| ≤ 1.5: corner cells 1/8, side cells 3/4, centre 1.
        check(
            MultiPolygon(Polygon(exterior: Support.ring([(1.5, 0), (3, 1.5), (1.5, 3), (0, 1.5)]))), frame,
            [[0.125, 0.75, 0.125], [0.75, 1, 0.75], [0.125, 0.75, 0.125]])
        // A pentagon whose vertices are all cell corners (area 6.5).
        check(
            MultiPolygon(Polygon(exterior: Support.ring([(0, 0), (2, 0), (3, 1), (2, 3), (0, 2)]))), frame,
            [[0.25, 0.75, 0.25], [1, 1, 0.75], [1, 1, 0.5]])
    }

    @Test("horizontal edges lying on cell boundaries", arguments: FixtureFrame.allCases)
    func horizontalEdgeOnBoundary(frame: FixtureFrame) {
        check(
            MultiPolygon(Polygon(exterior: Support.rectangle(0.5, 1, 2.5, 2))), frame,
            [[0, 0, 0], [0.5, 1, 0.5], [0, 0, 0]])
        // On the grid's northern and southern edges, and on an inner boundary with a point below it.
        check(
            MultiPolygon(Polygon(exterior: Support.rectangle(0.25, 0, 0.75, 3))), frame,
            [[0.5, 0, 0], [0.5, 0, 0], [0.5, 0, 0]])
        check(
            MultiPolygon(Polygon(exterior: Support.ring([(0, 2), (2, 2), (1, 1)]))), frame,
            [[0, 0, 0], [0.5, 0.5, 0], [0, 0, 0]])
    }

    @Test("vertical edges lying on cell boundaries", arguments: FixtureFrame.allCases)
    func verticalEdgeOnBoundary(frame: FixtureFrame) {
        check(
            MultiPolygon(Polygon(exterior: Support.rectangle(1, 0.25, 2, 2.75))), frame,
            [[0, 0.75, 0], [0, 1, 0], [0, 0.75, 0]])
        check(
            MultiPolygon(Polygon(exterior: Support.rectangle(0, 0.5, 3, 1))), frame,
            [[0, 0, 0], [0, 0, 0], [0.5, 0.5, 0.5]])
    }

    @Test("closed and open rings give bit-identical fractions", arguments: FixtureFrame.allCases)
    func closedVersusOpen(frame: FixtureFrame) {
        let open = Support.ring([(0.3, 0.2), (2.7, 0.9), (1.1, 1.4), (2.2, 2.8), (0.4, 2.1)])
        let hole = Support.ring([(0.6, 0.5), (0.9, 0.5), (0.8, 0.8)])
        let grid = frame.grid
        let a = CoverageCalculator.coverageFractions(
            of: frame.place(Polygon(exterior: open, holes: [hole])),
            on: grid, in: grid.fullWindow)
        let b = CoverageCalculator.coverageFractions(
            of: frame.place(Polygon(exterior: open + [open[0]], holes: [hole + [hole[0]]])),
            on: grid, in: grid.fullWindow)
        #expect(a == b)
        Support.expectAreaIdentity(frame.place(MultiPolygon(Polygon(exterior: open + [open[0]], holes: [hole]))), grid)
    }

    @Test("degenerate input: repeated vertices, zero-area rings, too few vertices")
    func degenerateInput() {
        let grid = FixtureFrame.unit.grid
        let withRepeats = Support.ring([
            (0.5, 0.5), (0.5, 0.5), (2.5, 0.5), (2.5, 0.5), (2.5, 0.5), (2.5, 2.5), (0.5, 2.5), (0.5, 0.5)
        ])
        Support.expectFractions(
            MultiPolygon(Polygon(exterior: withRepeats)), grid,
            [[0.25, 0.5, 0.25], [0.5, 1, 0.5], [0.25, 0.5, 0.25]], tolerance: 1e-15)
        let flat = MultiPolygon(Polygon(exterior: Support.ring([(0, 1), (3, 1), (1.5, 1)])))
        #expect(
            CoverageCalculator.coverageFractions(of: flat, on: grid, in: grid.fullWindow).fractions.allSatisfy {
                $0 == 0
            })
        let tooFew = MultiPolygon(Polygon(exterior: Support.ring([(0, 1), (3, 2)])))
        #expect(CoverageCalculator.coverageFractions(of: tooFew, on: grid, in: grid.fullWindow).sum == 0)
        let empty = MultiPolygon(polygons: [])
        #expect(CoverageCalculator.coverageFractions(of: empty, on: grid, in: grid.fullWindow).sum == 0)
        #expect(CoverageCalculator.coverageFractions(of: empty, on: grid) == nil)
    }

    @Test(
        "invalid input is not hidden by clamping: overlapping parts exceed 1, a hole outside its exterior goes below 0")
    func invalidInputIsVisible() {
        let grid = FixtureFrame.unit.grid
        let overlapping = MultiPolygon(polygons: [
            Polygon(exterior: Support.rectangle(0, 0, 2, 1)),
            Polygon(exterior: Support.rectangle(1, 0, 3, 1))
        ])
        let doubled = CoverageCalculator.coverageFractions(of: overlapping, on: grid, in: grid.fullWindow)
        #expect(doubled[column: 1, row: 2] == 2)
        let strayHole = MultiPolygon(
            Polygon(exterior: Support.rectangle(0, 0, 1, 1), holes: [Support.rectangle(2, 2, 2.5, 3)]))
        let negative = CoverageCalculator.coverageFractions(of: strayHole, on: grid, in: grid.fullWindow)
        #expect(negative[column: 2, row: 0] == -0.5)
        #expect(negative[column: 0, row: 2] == 1)
    }

    @Test("a non-finite coordinate makes every fraction NaN")
    func nonFinite() {
        let grid = FixtureFrame.unit.grid
        let polygon = MultiPolygon(Polygon(exterior: Support.ring([(0, 0), (2, .nan), (1, 2)])))
        #expect(
            CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow).fractions.allSatisfy {
                $0.isNaN
            })
    }

    @Test("polygon disjoint from the grid covers nothing; bounding-box window is nil")
    func disjoint() {
        let grid = FixtureFrame.unit.grid
        let polygon = MultiPolygon(Polygon(exterior: Support.rectangle(4, 0, 5, 1)))
        #expect(CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow).sum == 0)
        #expect(CoverageCalculator.coverageFractions(of: polygon, on: grid) == nil)
        // Touching the grid only along its eastern edge.
        let touching = MultiPolygon(Polygon(exterior: Support.rectangle(3, 0, 5, 1)))
        #expect(CoverageCalculator.coverageFractions(of: touching, on: grid) == nil)
        #expect(CoverageCalculator.coverageFractions(of: touching, on: grid, in: grid.fullWindow).sum == 0)
    }

    @Test("the bounding-box overload covers just the touched cells")
    func boundingBoxWindow() throws {
        let grid = FixtureFrame.unit.grid
        let polygon = MultiPolygon(Polygon(exterior: Support.ring([(1.2, 1.2), (2.8, 1.2), (1.5, 1.8)])))
        let coverage = try #require(CoverageCalculator.coverageFractions(of: polygon, on: grid))
        #expect(coverage.window == CellWindow(column: 1, row: 1, width: 2, height: 1))
        let full = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow)
        #expect(coverage[column: 1, row: 1] == full[column: 1, row: 1])
        #expect(coverage[column: 2, row: 1] == full[column: 2, row: 1])
        #expect(abs(coverage.sum - polygon.area) <= 1e-15)
    }
}
