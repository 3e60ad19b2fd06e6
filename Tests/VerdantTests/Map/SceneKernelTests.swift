import Testing
import Verdant

/// Green cover cells and sums of the map kernel, on hand-made tile values.
@Suite struct SceneKernelTests {
    static let status: [UInt8] = [
        CellStatus.observed.rawValue, CellStatus.observed.rawValue, CellStatus.observed.rawValue,
        CellStatus.cloud.rawValue, CellStatus.noData.rawValue, CellStatus.masked.rawValue
    ]
    // Exactly at the threshold, just under it, well over it; then unobserved cells.
    static let index: [Double] = [0.4, 0.4.nextDown, 0.8, .nan, .nan, .nan]

    static func cells() -> TileBuffers {
        TileBuffers(status: status, ndvi: index, index: index, agb: index.map { 100 * $0 })
    }

    @Test func greenCellsAreOneZeroOr255() {
        var outputs = SceneKernel.Outputs(green: true)
        outputs.resize(6)
        let sums = SceneKernel.process(
            Self.cells(), width: 3, rowAreas: [100, 50], greenThreshold: 0.4, outputs: &outputs)
        #expect(outputs.green == [1, 0, 1, 255, 255, 255])
        #expect(outputs.ndvi.isEmpty && outputs.agb.isEmpty, "outputs not wanted stay empty")
        #expect(sums.greenCells == 2 && sums.greenArea == 200)
        #expect(sums.validCells == 3 && sums.observedArea == 300)
    }

    @Test func withoutAThresholdNoCellIsGreen() {
        var outputs = SceneKernel.Outputs(green: true)
        outputs.resize(6)
        let sums = SceneKernel.process(Self.cells(), width: 3, rowAreas: [100, 50], outputs: &outputs)
        #expect(outputs.green == [0, 0, 0, 255, 255, 255])
        #expect(sums.greenCells == 0 && sums.greenArea == 0)
        let plain = SceneKernel.process(Self.cells(), width: 3, rowAreas: [100, 50], greenThreshold: 0.4)
        #expect(plain.greenArea == 200)
    }
}
