/// Adds up one parcel's cells in one tile: coverage × cell area by cell status, and the weighted NDVI, index
/// and AGB over the observed cells.
public enum ParcelAccumulator {
    /// The per-cell values of one tile, row-major.
    public struct TileValues {
        /// `CellStatus` raw values.
        public var status: UnsafeBufferPointer<UInt8>
        /// NDVI (NaN when the input lacks red or NIR).
        public var ndvi: UnsafeBufferPointer<Double>
        /// The model's index.
        public var index: UnsafeBufferPointer<Double>
        /// AGB, t/ha.
        public var agb: UnsafeBufferPointer<Double>
        /// ∂AGB/∂a (empty when the model has no uncertainty).
        public var gradA: UnsafeBufferPointer<Double>
        /// ∂AGB/∂b (empty when the model has no uncertainty).
        public var gradB: UnsafeBufferPointer<Double>
        /// Bin width of index histograms to collect (Monte Carlo), nil: none.
        public var histogramBinWidth: Double?

        /// The values of a tile.
        public init(status: UnsafeBufferPointer<UInt8>, ndvi: UnsafeBufferPointer<Double>, index: UnsafeBufferPointer<Double>,
                    agb: UnsafeBufferPointer<Double>, gradA: UnsafeBufferPointer<Double> = UnsafeBufferPointer(start: nil, count: 0),
                    gradB: UnsafeBufferPointer<Double> = UnsafeBufferPointer(start: nil, count: 0), histogramBinWidth: Double? = nil) {
            self.status = status
            self.ndvi = ndvi
            self.index = index
            self.agb = agb
            self.gradA = gradA
            self.gradB = gradB
            self.histogramBinWidth = histogramBinWidth
        }
    }

    /// The sums of `coverage` over the cells of `tile`.
    @inlinable
    public static func sums(_ coverage: SparseCoverage, in tile: CellWindow, rowAreas: [Double], values: TileValues) -> ParcelSums {
        var covered = 0.0, observed = 0.0, cloud = 0.0, noData = 0.0, masked = 0.0
        var ndviSum = 0.0, indexSum = 0.0, agbSum = 0.0, gA = 0.0, gB = 0.0
        let gradients = values.gradA.count > 0
        var histogram = values.histogramBinWidth.map { IndexHistogram(binWidth: $0) }
        coverage.forEachCell(in: tile) { row, column, fraction in
            let a = fraction * rowAreas[row]
            covered += a
            let i = (row - tile.row) * tile.width + (column - tile.column)
            switch values.status[i] {
            case CellStatus.observed.rawValue:
                observed += a
                ndviSum += a * values.ndvi[i]
                indexSum += a * values.index[i]
                agbSum += a * values.agb[i]
                if gradients {
                    gA += a * values.gradA[i]
                    gB += a * values.gradB[i]
                }
                if histogram != nil { histogram!.add(x: values.index[i], area: a / 10_000) }
            case CellStatus.cloud.rawValue: cloud += a
            case CellStatus.masked.rawValue: masked += a
            default: noData += a
            }
        }
        var t = ParcelSums()
        t.coveredArea = covered
        t.observedArea = observed
        t.cloudArea = cloud
        t.noDataArea = noData
        t.maskedArea = masked
        t.ndviAreaSum = ndviSum
        t.indexAreaSum = indexSum
        t.agbTonnes = agbSum / 10_000
        t.gradA = gA / 10_000
        t.gradB = gB / 10_000
        t.histogram = histogram
        return t
    }
}
