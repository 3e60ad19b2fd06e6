/// Adds up one parcel's cells in one tile: coverage × cell area, and the same weighted NDVI and AGB over the
/// cells whose index is defined.
public enum ParcelAccumulator {
    /// The sums of `coverage` over the cells of `tile`, whose NDVI and AGB (t/ha) are given row-major.
    @inlinable
    public static func sums(_ coverage: SparseCoverage, in tile: CellWindow, rowAreas: [Double],
                            ndvi: UnsafeBufferPointer<Double>, agb: UnsafeBufferPointer<Double>) -> ParcelTotals {
        var covered = 0.0, observed = 0.0, ndviSum = 0.0, agbSum = 0.0
        coverage.forEachCell(in: tile) { row, column, fraction in
            let a = fraction * rowAreas[row]
            covered += a
            let i = (row - tile.row) * tile.width + (column - tile.column)
            let x = ndvi[i]
            if x.isNaN { return }
            observed += a
            ndviSum += a * x
            agbSum += a * agb[i]
        }
        var t = ParcelTotals()
        t.coveredArea = covered
        t.observedArea = observed
        t.ndviAreaSum = ndviSum
        t.agbTonnes = agbSum / 10_000
        return t
    }
}
