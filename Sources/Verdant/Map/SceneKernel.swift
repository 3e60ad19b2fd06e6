/// The per-tile sums of `verdant map`, free of I/O: from each cell's status, index, NDVI and AGB, the tile's
/// totals, and optionally the Float32 cells of the output rasters.
///
/// Safety contract: the loop reads the tile's buffers and writes the wanted outputs at every cell `0..<count`
/// without bounds checks. Before the pointers are taken it checks, once per call, that the buffers hold
/// `width × rowAreas.count` cells and every wanted output as many. The pointers never leave this file.
public enum SceneKernel {
    /// Output cells of one tile: NDVI, the model's index, AGB (t/ha) and CO2e density (tCO2e/ha = AGB ×
    /// `co2ePerAGB`), each one only when wanted (empty otherwise).
    public struct Outputs: Sendable {
        /// NDVI cells.
        public private(set) var ndvi: [Float] = []
        /// The model's index cells.
        public private(set) var index: [Float] = []
        /// AGB cells (t/ha).
        public private(set) var agb: [Float] = []
        /// CO2e density cells (tCO2e/ha).
        public private(set) var co2e: [Float] = []
        /// tCO2e per t of AGB: (1 + R) × CF × 44/12.
        public var co2ePerAGB: Double
        private let wanted: (ndvi: Bool, index: Bool, agb: Bool, co2e: Bool)

        /// Outputs for the rasters wanted; `resize(_:)` makes them hold a tile's cells.
        public init(
            ndvi: Bool = false, index: Bool = false, agb: Bool = false, co2e: Bool = false, co2ePerAGB: Double = 0
        ) {
            wanted = (ndvi, index, agb, co2e)
            self.co2ePerAGB = co2ePerAGB
        }

        /// Makes every wanted output hold `count` cells (new NaN cells when it held another count).
        public mutating func resize(_ count: Int) {
            if wanted.ndvi && ndvi.count != count { ndvi = [Float](repeating: .nan, count: count) }
            if wanted.index && index.count != count { index = [Float](repeating: .nan, count: count) }
            if wanted.agb && agb.count != count { agb = [Float](repeating: .nan, count: count) }
            if wanted.co2e && co2e.count != count { co2e = [Float](repeating: .nan, count: count) }
        }

        fileprivate func check(_ count: Int) -> Bool {
            (!wanted.ndvi || ndvi.count == count) && (!wanted.index || index.count == count)
                && (!wanted.agb || agb.count == count) && (!wanted.co2e || co2e.count == count)
        }

        /// Calls `body` with the wanted outputs (nil for the others); the views must not escape `body`.
        fileprivate mutating func withUnsafeOutputs<R>(
            _ body: (
                UnsafeMutableBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>?,
                UnsafeMutableBufferPointer<Float>?, UnsafeMutableBufferPointer<Float>?
            ) -> R
        ) -> R {
            let w = wanted
            return ndvi.withUnsafeMutableBufferPointer { o0 in
                index.withUnsafeMutableBufferPointer { o1 in
                    agb.withUnsafeMutableBufferPointer { o2 in
                        co2e.withUnsafeMutableBufferPointer { o3 in
                            body(w.ndvi ? o0 : nil, w.index ? o1 : nil, w.agb ? o2 : nil, w.co2e ? o3 : nil)
                        }
                    }
                }
            }
        }
    }

    /// Sums one tile of `width × rowAreas.count` cells (row-major); `rowAreas[k]` is the area in m² of a cell of
    /// row k.
    public static func process(_ cells: TileBuffers, width: Int, rowAreas: ArraySlice<Double>) -> SceneSums {
        var none = Outputs()
        return process(cells, width: width, rowAreas: rowAreas, outputs: &none)
    }

    /// Sums one tile as `process(_:width:rowAreas:)` and writes NDVI, the index, AGB and CO2e (NaN where not
    /// observed) to the outputs wanted, which must hold the tile's cells.
    public static func process(
        _ cells: TileBuffers, width: Int, rowAreas: ArraySlice<Double>, outputs: inout Outputs
    ) -> SceneSums {
        precondition(cells.count == width * rowAreas.count && outputs.check(cells.count), "tile buffers differ in size")
        let co2ePerAGB = outputs.co2ePerAGB
        return cells.withUnsafeCells { c in
            outputs.withUnsafeOutputs { outNDVI, outIndex, outAGB, outCO2e in
                var totals = SceneSums()
                var i = 0
                for area in rowAreas {
                    var rowValid = 0
                    var rowIndex = 0.0, rowNDVI = 0.0, rowAGB = 0.0
                    for _ in 0..<width {
                        let x = c.index[i], v = c.ndvi[i], b = c.agb[i]
                        outNDVI?[i] = Float(v)
                        outIndex?[i] = Float(x)
                        outAGB?[i] = Float(b)
                        outCO2e?[i] = Float(b * co2ePerAGB)
                        switch c.status[i] {
                        case CellStatus.observed.rawValue:
                            rowValid += 1
                            rowIndex += x
                            rowNDVI += v
                            rowAGB += b
                        case CellStatus.cloud.rawValue: totals.cloudCells += 1
                        case CellStatus.masked.rawValue: totals.maskedCells += 1
                        default: totals.noDataCells += 1
                        }
                        i += 1
                    }
                    totals.validCells += rowValid
                    totals.observedArea += Double(rowValid) * area
                    totals.indexAreaSum += rowIndex * area
                    totals.ndviAreaSum += rowNDVI * area
                    totals.agbTonnes += rowAGB * area / 10_000
                }
                return totals
            }
        }
    }
}
