/// The general valuation loop: status, index, NDVI and AGB of the cells of a tile for any index, with any quality
/// bands (SCL, QA), user mask and valid range, from the reader's converted values.
///
/// Safety contract: the loop reads the reader's values and writes the tile's buffers at the cells `i` of `runs`
/// without bounds checks. Before the pointers are taken it checks, once per call, that every run lies within
/// `0..<count` of the buffers, that the reader's values hold `count` cells for each of its band slots and that
/// the SCL table holds 256 classes. The pointers never leave this file.
extension TileBuffers {
    /// Values any index, any quality bands and masks; `needed` are the slots of the index's bands; `indexSlot`, when
    /// given, the slot of a band holding the index itself, taken as the index (and as NDVI when the index is NDVI).
    mutating func valueIndex(
        _ reader: TileReader, runs: [Range<Int>], rules: CellRules, needed: [Int], indexSlot: Int? = nil
    ) -> CellOutcome {
        let spectral = rules.index, model = rules.model, masks = rules.masks
        let slots = (
            red: reader.slot(of: .red), nir: reader.slot(of: .nir), blue: reader.slot(of: .blue),
            green: reader.slot(of: .green), redEdge: reader.slot(of: .redEdge), scl: reader.slot(of: .scl),
            qa: reader.slot(of: .qa), mask: reader.slot(of: .mask)
        )
        let reflectanceSlots = reader.inputs.bands.indices.filter { reader.inputs.bands[$0].role.kind != .classes }
        let hasNDVI = slots.red != nil && slots.nir != nil
        let ndviIsIndex = indexSlot != nil && spectral == .ndvi
        let range = masks.validRange
        let scl = slots.scl.map { _ in TileCells.sclTable(masks) } ?? []
        let qa = masks.qaMasks
        let n = count
        let values = reader.values
        precondition(
            reader.count == n && runs.lie(within: n) && values.count >= reader.inputs.bands.count * n
                && needed.allSatisfy { $0 < reader.inputs.bands.count }
                && (indexSlot ?? 0) < reader.inputs.bands.count
                && (slots.scl == nil || scl.count == 256), "index kernel: bands and tile differ in size")
        var outcome = CellOutcome()
        var positive = 0, negative = 0
        values.withUnsafeBufferPointer { values in
            func band(_ slot: Int?) -> UnsafeBufferPointer<Double>? {
                slot.map { UnsafeBufferPointer(rebasing: values[($0 * n)..<(($0 + 1) * n)]) }
            }
            let red = band(slots.red), nir = band(slots.nir), blue = band(slots.blue), green = band(slots.green)
            let redEdge = band(slots.redEdge), sclValues = band(slots.scl), qaValues = band(slots.qa),
                maskValues = band(slots.mask)
            let neededBands = needed.map { band($0)! }
            let indexBand = band(indexSlot)
            let reflectance = reflectanceSlots.map { band($0)! }
            scl.withUnsafeBufferPointer { sclTable in
                withUnsafeMutableCells { out in
                    for run in runs {
                        for i in run {
                            var s = CellStatus.observed.rawValue
                            for b in neededBands where b[i].isNaN { s = CellStatus.noData.rawValue; break }
                            if s == 0, let v = sclValues?[i] {
                                if v.isNaN {
                                    s = CellStatus.noData.rawValue
                                } else if v >= 0 && v < 256 {
                                    s = sclTable[Int(v)]
                                }
                            }
                            if s == 0, let v = qaValues?[i] { s = qa.status(v).rawValue }
                            if s == 0, let m = maskValues?[i] {
                                if m.isNaN {
                                    s = CellStatus.noData.rawValue
                                } else if m == 0 {
                                    s = CellStatus.masked.rawValue
                                }
                            }
                            if s == 0, let range {
                                for b in reflectance where !b[i].isNaN && !range.contains(b[i]) {
                                    s = CellStatus.noData.rawValue; break
                                }
                            }
                            var x = Double.nan, v = Double.nan, g = Double.nan
                            if s == 0 {
                                if let indexBand {
                                    x = indexBand[i]
                                } else {
                                    x = spectral.value(
                                        blue: blue?[i] ?? .nan, green: green?[i] ?? .nan, red: red?[i] ?? .nan,
                                        redEdge: redEdge?[i] ?? .nan, nir: nir?[i] ?? .nan)
                                }
                                if x.isNaN {
                                    s = CellStatus.noData.rawValue
                                } else {
                                    g = model.agb(x)
                                    if !g.isFinite { outcome.nonFinite = x }
                                    if ndviIsIndex {
                                        v = x
                                    } else if hasNDVI {
                                        v = NDVI.value(red: red![i], nir: nir![i])
                                        if v > 0.3 { positive += 1 } else if v < -0.3 { negative += 1 }
                                    }
                                }
                            }
                            out.set(i, status: s, index: x, ndvi: v, agb: g)
                        }
                    }
                }
            }
        }
        outcome.signs = (positive, negative)
        return outcome
    }
}
