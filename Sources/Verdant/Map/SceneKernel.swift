/// The per-tile arithmetic of `verdant map`, free of I/O: NDVI and AGB of every cell from reflectance, the
/// tile's sums, and optionally the Float32 cells for the output rasters.
public enum SceneKernel {
    /// Computes one tile. `red` and `nir` hold reflectance (NaN = undefined) for `width × rows` cells row by row;
    /// `rowAreas[k]` is the area in m² of a cell of row k. Throws when the model gives a non-finite biomass.
    public static func process(red: UnsafeBufferPointer<Double>, nir: UnsafeBufferPointer<Double>, width: Int,
                               rowAreas: ArraySlice<Double>, model: BiomassModel,
                               ndviOut: UnsafeMutableBufferPointer<Float>? = nil,
                               agbOut: UnsafeMutableBufferPointer<Float>? = nil) throws -> SceneTotals {
        precondition(red.count == nir.count && red.count == width * rowAreas.count, "tile buffers differ in size")
        var totals = SceneTotals()
        var nonFinite: Double?
        var i = 0
        for area in rowAreas {
            var rowValid = 0
            var rowNDVI = 0.0, rowAGB = 0.0
            for _ in 0..<width {
                let x = NDVI.value(red: red[i], nir: nir[i])
                let b = model.agb(x)
                ndviOut?[i] = Float(x)
                agbOut?[i] = Float(b)
                i += 1
                if x.isNaN { continue }
                if !b.isFinite { nonFinite = x }
                rowValid += 1
                rowNDVI += x
                rowAGB += b
            }
            totals.validCells += rowValid
            totals.observedArea += Double(rowValid) * area
            totals.ndviAreaSum += rowNDVI * area
            totals.agbTonnes += rowAGB * area / 10_000
        }
        if let x = nonFinite {
            throw VerdantError.usage("model \(model.expression) gives a non-finite biomass for NDVI \(x); check its coefficients")
        }
        return totals
    }
}
