import Testing
import Verdant

/// The green sum of the accumulation loop, on hand-made tile values.
@Suite struct ParcelAccumulationKernelTests {
    /// A 20 m square centred on a 3 × 3 grid of 10 m cells: fractions 0.25 (corners), 0.5 (edges), 1 (centre).
    static func coverage() throws -> (SparseCoverage, CellWindow) {
        let grid = try #require(CellGrid(originX: 0, originY: 30, cellWidth: 10, cellHeight: 10, columns: 3, rows: 3))
        let square = MultiPolygon(
            Polygon(exterior: [
                Coordinate(x: 5, y: 5), Coordinate(x: 25, y: 5), Coordinate(x: 25, y: 25), Coordinate(x: 5, y: 25)
            ]))
        return (
            SparseCoverage(polygon: square, grid: grid),
            try #require(CellWindow(column: 0, row: 0, width: 3, height: 3))
        )
    }

    static let observed = CellStatus.observed.rawValue, cloud = CellStatus.cloud.rawValue

    /// Index 0.9 in the top-left corner, exactly 0.4 in the centre, just under 0.4 on the top edge, 0.9 under a
    /// cloud in the bottom-right corner, 0.1 elsewhere.
    static let index: [Double] = [0.9, 0.4.nextDown, 0.1, 0.1, 0.4, 0.1, 0.1, 0.1, 0.9]
    static let status: [UInt8] = [observed, observed, observed, observed, observed, observed, observed, observed, cloud]

    static func values() -> TileBuffers {
        let defined = zip(index, status).map { $1 == observed ? $0 : .nan }
        return TileBuffers(
            status: status, ndvi: defined, index: defined, agb: defined.map { $0.isNaN ? .nan : 100 * $0 })
    }

    @Test func greenAreaCountsObservedCellsAtOrAboveTheThreshold() throws {
        let (coverage, tile) = try Self.coverage()
        let areas = [Double](repeating: 100, count: 3)
        let sums = ParcelAccumulator.sums(
            coverage, in: tile, rowAreas: areas, values: Self.values(), greenThreshold: 0.4)
        // The corner (0.25 × 100 m²) and the centre, exactly at the threshold (1 × 100 m²); not the edge just
        // under it, nor the clouded corner.
        #expect(sums.greenArea == 125)
        #expect(sums.observedArea == 375)
        #expect(sums.cloudArea == 25)
        // A threshold just above 0.4 leaves the centre out.
        let above = ParcelAccumulator.sums(
            coverage, in: tile, rowAreas: areas, values: Self.values(), greenThreshold: 0.4.nextUp)
        #expect(above.greenArea == 25)
    }

    @Test func noThresholdNoGreenAndTheOtherSumsUnchanged() throws {
        let (coverage, tile) = try Self.coverage()
        let areas = [Double](repeating: 100, count: 3)
        let none = ParcelAccumulator.sums(coverage, in: tile, rowAreas: areas, values: Self.values())
        #expect(none.greenArea == 0)
        var withGreen = ParcelAccumulator.sums(
            coverage, in: tile, rowAreas: areas, values: Self.values(), greenThreshold: -1)
        #expect(withGreen.greenArea == withGreen.observedArea)
        withGreen.greenArea = 0
        #expect(withGreen == none)
    }

    @Test func greenAreaIsAddedWithTheOtherSums() {
        var a = ParcelSums(), b = ParcelSums()
        a.greenArea = 12.5
        b.greenArea = 7.5
        a.add(b)
        #expect(a.greenArea == 20)
    }
}
