/// The per-tile sums of `verdant map`, free of I/O: from each cell's status, index, NDVI and AGB, the tile's
/// totals, and optionally the Float32 cells of the output rasters and the Byte cells of green cover.
///
/// Safety contract: the loop reads the tile's buffers and writes the wanted outputs at every cell `0..<count`
/// without bounds checks. Before the pointers are taken it checks, once per call, that the buffers hold
/// `width × rowAreas.count` cells and every wanted output as many. The pointers never leave this file.
public enum SceneKernel {
    /// Output cells of one tile: NDVI, the model's index, AGB (t/ha), CO2e density (tCO2e/ha = AGB ×
    /// `co2ePerAGB`) and green cover (`green`), each one only when wanted (empty otherwise).
    public struct Outputs: Sendable {
        /// NDVI cells.
        public private(set) var ndvi: [Float] = []
        /// The model's index cells.
        public private(set) var index: [Float] = []
        /// AGB cells (t/ha).
        public private(set) var agb: [Float] = []
        /// CO2e density cells (tCO2e/ha).
        public private(set) var co2e: [Float] = []
        /// Green cover cells: `SceneKernel.green` where the index is at least the green threshold,
        /// `SceneKernel.notGreen` where it is not, `SceneKernel.unobserved` where the cell is not observed.
        public private(set) var green: [UInt8] = []
        /// tCO2e per t of AGB: (1 + R) × CF × 44/12.
        public var co2ePerAGB: Double
        private let wanted: (ndvi: Bool, index: Bool, agb: Bool, co2e: Bool, green: Bool)

        /// Outputs for the rasters wanted; `resize(_:)` makes them hold a tile's cells.
        public init(
            ndvi: Bool = false, index: Bool = false, agb: Bool = false, co2e: Bool = false, co2ePerAGB: Double = 0,
            green: Bool = false
        ) {
            wanted = (ndvi, index, agb, co2e, green)
            self.co2ePerAGB = co2ePerAGB
        }

        /// Makes every wanted output hold `count` cells (new NaN cells when it held another count).
        public mutating func resize(_ count: Int) {
            if wanted.ndvi && ndvi.count != count { ndvi = [Float](repeating: .nan, count: count) }
            if wanted.index && index.count != count { index = [Float](repeating: .nan, count: count) }
            if wanted.agb && agb.count != count { agb = [Float](repeating: .nan, count: count) }
            if wanted.co2e && co2e.count != count { co2e = [Float](repeating: .nan, count: count) }
            if wanted.green && green.count != count {
                green = [UInt8](repeating: SceneKernel.unobserved, count: count)
            }
        }

        fileprivate func check(_ count: Int) -> Bool {
            (!wanted.ndvi || ndvi.count == count) && (!wanted.index || index.count == count)
                && (!wanted.agb || agb.count == count) && (!wanted.co2e || co2e.count == count)
                && (!wanted.green || green.count == count)
        }

        /// Calls `body` with the wanted outputs (nil for the others); the views must not escape `body`.
        fileprivate mutating func withUnsafeOutputs<R>(
            _ body: (
                UnsafeMutableBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>?,
                UnsafeMutableBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>?,
                UnsafeMutableBufferPointer<UInt8>?
            ) -> R
        ) -> R {
            let w = wanted
            return ndvi.withUnsafeMutableBufferPointer { o0 in
                index.withUnsafeMutableBufferPointer { o1 in
                    agb.withUnsafeMutableBufferPointer { o2 in
                        co2e.withUnsafeMutableBufferPointer { o3 in
                            green.withUnsafeMutableBufferPointer { o4 in
                                body(
                                    w.ndvi ? o0 : nil, w.index ? o1 : nil, w.agb ? o2 : nil, w.co2e ? o3 : nil,
                                    w.green ? o4 : nil)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The green cover value of an observed cell whose index is at least the green threshold.
    public static let green: UInt8 = 1
    /// The green cover value of an observed cell whose index is under the green threshold.
    public static let notGreen: UInt8 = 0
    /// The green cover value of a cell that is not observed (the raster's nodata value).
    public static let unobserved: UInt8 = 255

    /// Sums one tile of `width × rowAreas.count` cells (row-major); `rowAreas[k]` is the area in m² of a cell of
    /// row k; `greenThreshold` (nil: none) gives the green area.
    public static func process(
        _ cells: TileBuffers, width: Int, rowAreas: ArraySlice<Double>, greenThreshold: Double? = nil
    ) -> SceneSums {
        var none = Outputs()
        return process(cells, width: width, rowAreas: rowAreas, greenThreshold: greenThreshold, outputs: &none)
    }

    /// Sums one tile as `process(_:width:rowAreas:greenThreshold:)` and writes NDVI, the index, AGB and CO2e (NaN
    /// where not observed) and green cover (1 green, 0 not, 255 not observed; every observed cell 0 without a
    /// threshold) to the outputs wanted, which must hold the tile's cells.
    public static func process(
        _ cells: TileBuffers, width: Int, rowAreas: ArraySlice<Double>, greenThreshold: Double? = nil,
        outputs: inout Outputs
    ) -> SceneSums {
        precondition(cells.count == width * rowAreas.count && outputs.check(cells.count), "tile buffers differ in size")
        let co2ePerAGB = outputs.co2ePerAGB
        // NaN when there is no threshold: no cell is green.
        let threshold = greenThreshold ?? .nan
        return cells.withUnsafeCells { c in
            outputs.withUnsafeOutputs { outNDVI, outIndex, outAGB, outCO2e, outGreen in
                var totals = SceneSums()
                var i = 0
                for area in rowAreas {
                    var rowValid = 0, rowGreen = 0
                    var rowIndex = 0.0, rowNDVI = 0.0, rowAGB = 0.0
                    for _ in 0..<width {
                        let x = c.index[i], v = c.ndvi[i], b = c.agb[i]
                        outNDVI?[i] = Float(v)
                        outIndex?[i] = Float(x)
                        outAGB?[i] = Float(b)
                        outCO2e?[i] = Float(b * co2ePerAGB)
                        switch c.status[i] {
                        case CellStatus.observed.rawValue:
                            let green = GreenCover.isGreen(x, threshold: threshold)
                            rowValid += 1
                            rowGreen += green ? 1 : 0
                            rowIndex += x
                            rowNDVI += v
                            rowAGB += b
                            outGreen?[i] = green ? SceneKernel.green : SceneKernel.notGreen
                        case CellStatus.cloud.rawValue:
                            totals.cloudCells += 1
                            outGreen?[i] = SceneKernel.unobserved
                        case CellStatus.masked.rawValue:
                            totals.maskedCells += 1
                            outGreen?[i] = SceneKernel.unobserved
                        default:
                            totals.noDataCells += 1
                            outGreen?[i] = SceneKernel.unobserved
                        }
                        i += 1
                    }
                    totals.validCells += rowValid
                    totals.greenCells += rowGreen
                    totals.observedArea += Double(rowValid) * area
                    totals.greenArea += Double(rowGreen) * area
                    totals.indexAreaSum += rowIndex * area
                    totals.ndviAreaSum += rowNDVI * area
                    totals.agbTonnes += rowAGB * area / 10_000
                }
                return totals
            }
        }
    }
}
