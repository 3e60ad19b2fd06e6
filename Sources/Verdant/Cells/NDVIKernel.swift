/// The NDVI loop: status, NDVI (= the index) and AGB of the cells of a tile from red and NIR, with an SCL band or
/// none, read either as the reader's converted reflectance or straight from the stored UInt16 cells.
///
/// Safety contract: the loop reads band cells and writes the tile's buffers at the cells `i` of `runs` without
/// bounds checks. Before the pointers are taken each entry point checks, once per call, that every run lies within
/// `0..<count` of the buffers, that each band read holds those cells (the stored bands from their `base`, the
/// converted ones at their slot of the reader's values) and that the SCL table holds 256 classes. The pointers
/// never leave this file.
extension TileBuffers {
    /// Red and NIR stored as UInt16 (and SCL as bytes, or none), without alpha bands or masks: the cells are
    /// converted and valued in one pass, with the reader's arithmetic, so with the same bits.
    struct StoredNDVIBands {
        var red: [UInt16], redConversion: RawSamples.Conversion
        var nir: [UInt16], nirConversion: RawSamples.Conversion
        var scl: [UInt8]?, sclConversion: RawSamples.Conversion?
    }

    /// NDVI from the reader's converted `values` (role after role, `count` cells each) of the slots given.
    mutating func valueNDVI(
        values: [Double], red redSlot: Int, nir nirSlot: Int, scl sclSlot: Int?, sclTable: [UInt8],
        runs: [Range<Int>], model: BiomassModel
    ) -> CellOutcome {
        let n = count
        precondition(
            runs.lie(within: n)
                && [redSlot, nirSlot, sclSlot ?? 0].allSatisfy { $0 >= 0 && ($0 + 1) * n <= values.count }
                && (sclSlot == nil || sclTable.count == 256), "NDVI kernel: bands and tile differ in size")
        return values.withUnsafeBufferPointer { values in
            let red = UnsafeBufferPointer(rebasing: values[(redSlot * n)..<((redSlot + 1) * n)])
            let nir = UnsafeBufferPointer(rebasing: values[(nirSlot * n)..<((nirSlot + 1) * n)])
            let scl = sclSlot.map { UnsafeBufferPointer(rebasing: values[($0 * n)..<(($0 + 1) * n)]) }
            return sclTable.withUnsafeBufferPointer { table in
                valueNDVICells(
                    runs: runs, model: model, sclTable: scl == nil ? nil : table,
                    red: { red[$0] }, nir: { nir[$0] }, scl: { scl![$0] })
            }
        }
    }

    /// NDVI from the stored bands `b`, converted cell by cell.
    mutating func valueNDVI(
        stored b: StoredNDVIBands, sclTable: [UInt8], runs: [Range<Int>], model: BiomassModel
    ) -> CellOutcome {
        let rc = b.redConversion, nc = b.nirConversion, sc = b.sclConversion
        let n = count
        precondition(
            runs.lie(within: n) && rc.base >= 0 && rc.base + n <= b.red.count && nc.base >= 0
                && nc.base + n <= b.nir.count
                && (b.scl == nil
                    || (sc != nil && sc!.base >= 0 && sc!.base + n <= b.scl!.count && sclTable.count == 256)),
            "NDVI kernel: bands and tile differ in size")
        return b.red.withUnsafeBufferPointer { red in
            b.nir.withUnsafeBufferPointer { nir in
                (b.scl ?? []).withUnsafeBufferPointer { scl in
                    sclTable.withUnsafeBufferPointer { table in
                        valueNDVICells(
                            runs: runs, model: model, sclTable: b.scl == nil ? nil : table,
                            red: { rc.value(Double(red[rc.base + $0])) },
                            nir: { nc.value(Double(nir[nc.base + $0])) },
                            scl: { sc!.value(Double(scl[sc!.base + $0])) })
                    }
                }
            }
        }
    }

    /// The NDVI loop over the cells of `runs`, reading each cell's red, NIR (and SCL when `sclTable` is given).
    @inline(__always)
    private mutating func valueNDVICells(
        runs: [Range<Int>], model: BiomassModel, sclTable: UnsafeBufferPointer<UInt8>?,
        red: (Int) -> Double, nir: (Int) -> Double, scl: (Int) -> Double
    ) -> CellOutcome {
        var outcome = CellOutcome()
        var positive = 0, negative = 0
        let noData = CellStatus.noData.rawValue
        withUnsafeMutableCells { out in
            for run in runs {
                for i in run {
                    let r = red(i), v = nir(i)
                    var s = CellStatus.observed.rawValue
                    if r.isNaN || v.isNaN {
                        s = noData
                    } else if let sclTable {
                        let c = scl(i)
                        if c.isNaN { s = noData } else if c >= 0 && c < 256 { s = sclTable[Int(c)] }
                    }
                    var x = Double.nan, g = Double.nan
                    if s == 0 {
                        x = NDVI.value(red: r, nir: v)
                        if x.isNaN {
                            s = noData
                        } else {
                            g = model.agb(x)
                            if !g.isFinite { outcome.nonFinite = x }
                            if x > 0.3 { positive += 1 } else if x < -0.3 { negative += 1 }
                        }
                    }
                    out.set(i, status: s, index: x, ndvi: x, agb: g)
                }
            }
        }
        outcome.signs = (positive, negative)
        return outcome
    }
}
