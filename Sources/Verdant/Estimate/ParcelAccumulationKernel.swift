/// The accumulation loop: one parcel's cells in one tile, added up — coverage × cell area by cell status, and the
/// weighted NDVI, index and AGB (and gradients, index histogram) over the observed cells, and the green area (observed
/// cells whose index is at least the green threshold).
///
/// Safety contract: the loop reads the tile's buffers at the cells the parcel's coverage yields within the tile,
/// `(row − tile.row) × tile.width + (column − tile.column)`, without bounds checks. Before the pointers are taken it
/// checks, once per call, that the buffers hold `tile.width × tile.height` cells (`SparseCoverage.forEachCell(in:)`
/// yields only cells inside the tile). The pointers never leave this file.
public enum ParcelAccumulator {
    /// The sums of `coverage` over the cells of `tile`, whose values are `values`; `histogramBinWidth` collects
    /// an index histogram (Monte Carlo) with that bin width; `greenThreshold` (nil: none) gives the green area.
    public static func sums(
        _ coverage: SparseCoverage, in tile: CellWindow, rowAreas: [Double], values: TileBuffers,
        histogramBinWidth: Double? = nil, greenThreshold: Double? = nil
    ) -> ParcelSums {
        check(values, tile: tile)
        let green = comparable(greenThreshold)
        return values.withUnsafeCells {
            sums(
                coverage, in: tile, rowAreas: rowAreas, cells: $0, histogramBinWidth: histogramBinWidth,
                greenThreshold: green)
        }
    }

    /// The sums of each of `parcels` (indices into `coverage.parcels`) over the cells of tile `tile`, in order.
    static func sums(
        parcels: [Int32], coverage: GridCoverage, window: CellWindow, rowAreas: [Double],
        values: TileBuffers, histogramBinWidth: Double?, greenThreshold: Double?
    ) -> [(Int32, ParcelSums)] {
        check(values, tile: window)
        let green = comparable(greenThreshold)
        var out: [(Int32, ParcelSums)] = []
        out.reserveCapacity(parcels.count)
        values.withUnsafeCells { cells in
            for p in parcels {
                out.append(
                    (
                        p,
                        sums(
                            coverage.parcels[Int(p)], in: window, rowAreas: rowAreas, cells: cells,
                            histogramBinWidth: histogramBinWidth, greenThreshold: green)
                    ))
            }
        }
        return out
    }

    /// The threshold the loop compares with: NaN when there is none, so that no cell is green.
    private static func comparable(_ threshold: Double?) -> Double { threshold ?? .nan }

    private static func check(_ values: TileBuffers, tile: CellWindow) {
        precondition(values.count == tile.width * tile.height, "parcel accumulation: buffers and tile differ in size")
    }

    @inline(__always)
    private static func sums(
        _ coverage: SparseCoverage, in tile: CellWindow, rowAreas: [Double], cells values: TileBuffers.Cells,
        histogramBinWidth: Double?, greenThreshold: Double
    ) -> ParcelSums {
        var covered = 0.0, observed = 0.0, cloud = 0.0, noData = 0.0, masked = 0.0, green = 0.0
        var ndviSum = 0.0, indexSum = 0.0, agbSum = 0.0, gA = 0.0, gB = 0.0
        let gradients = values.gradA.count > 0
        var histogram = histogramBinWidth.map { IndexHistogram(binWidth: $0) }
        coverage.forEachCell(in: tile) { row, column, fraction in
            let a = fraction * rowAreas[row]
            covered += a
            let i = (row - tile.row) * tile.width + (column - tile.column)
            switch values.status[i] {
            case CellStatus.observed.rawValue:
                observed += a
                let x = values.index[i]
                green += GreenCover.isGreen(x, threshold: greenThreshold) ? a : 0
                ndviSum += a * values.ndvi[i]
                indexSum += a * x
                agbSum += a * values.agb[i]
                if gradients {
                    gA += a * values.gradA[i]
                    gB += a * values.gradB[i]
                }
                if histogram != nil { histogram!.add(x: x, area: a / 10_000) }
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
        t.greenArea = green
        t.ndviAreaSum = ndviSum
        t.indexAreaSum = indexSum
        t.agbTonnes = agbSum / 10_000
        t.gradA = gA / 10_000
        t.gradB = gB / 10_000
        t.histogram = histogram
        return t
    }
}
