/// The per-tile sums of `verdant map`, free of I/O: from each cell's status, index, NDVI and AGB, the tile's
/// totals, and optionally the Float32 cells of the output rasters.
public enum SceneKernel {
    /// Output buffers of one tile (any may be absent).
    public struct Outputs {
        /// NDVI cells.
        public var ndvi: UnsafeMutableBufferPointer<Float>?
        /// The model's index cells.
        public var index: UnsafeMutableBufferPointer<Float>?
        /// AGB cells (t/ha).
        public var agb: UnsafeMutableBufferPointer<Float>?
        /// CO2e density cells (tCO2e/ha = AGB × `co2ePerAGB`).
        public var co2e: UnsafeMutableBufferPointer<Float>?
        /// tCO2e per t of AGB: (1 + R) × CF × 44/12.
        public var co2ePerAGB: Double

        /// Output buffers.
        public init(ndvi: UnsafeMutableBufferPointer<Float>? = nil, index: UnsafeMutableBufferPointer<Float>? = nil,
                    agb: UnsafeMutableBufferPointer<Float>? = nil, co2e: UnsafeMutableBufferPointer<Float>? = nil,
                    co2ePerAGB: Double = 0) {
            self.ndvi = ndvi
            self.index = index
            self.agb = agb
            self.co2e = co2e
            self.co2ePerAGB = co2ePerAGB
        }
    }

    /// Sums one tile of `width × rowAreas.count` cells (row-major); `rowAreas[k]` is the area in m² of a cell of
    /// row k. Writes NDVI, the index and AGB (NaN where not observed) to the outputs given.
    public static func process(status: UnsafeBufferPointer<UInt8>, index: UnsafeBufferPointer<Double>,
                               ndvi: UnsafeBufferPointer<Double>, agb: UnsafeBufferPointer<Double>, width: Int,
                               rowAreas: ArraySlice<Double>, outputs: Outputs = Outputs()) -> SceneTotals {
        precondition(status.count == width * rowAreas.count && index.count == status.count && agb.count == status.count
                     && ndvi.count == status.count, "tile buffers differ in size")
        var totals = SceneTotals()
        var i = 0
        for area in rowAreas {
            var rowValid = 0
            var rowIndex = 0.0, rowNDVI = 0.0, rowAGB = 0.0
            for _ in 0..<width {
                let x = index[i], v = ndvi[i], b = agb[i]
                outputs.ndvi?[i] = Float(v)
                outputs.index?[i] = Float(x)
                outputs.agb?[i] = Float(b)
                outputs.co2e?[i] = Float(b * outputs.co2ePerAGB)
                switch status[i] {
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
