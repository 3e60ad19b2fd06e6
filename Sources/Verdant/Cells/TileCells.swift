/// The per-cell results of one tile: each cell's status (observed, no data, cloud, masked), its index, its NDVI
/// (when red and NIR are given) and its AGB (t/ha). One per worker, buffers reused from tile to tile.
public final class TileCells {
    /// Status of each cell (`CellStatus` raw values).
    public private(set) var status: [UInt8] = []
    /// The model's index, NaN where the cell is not observed.
    public private(set) var index: [Double] = []
    /// NDVI, NaN where not observed or where the input lacks red or NIR.
    public private(set) var ndvi: [Double] = []
    /// AGB in t/ha, NaN where not observed.
    public private(set) var agb: [Double] = []
    /// ∂AGB/∂a per cell (t/ha per unit of a), when the model has an uncertainty; else empty.
    public private(set) var gradA: [Double] = []
    /// ∂AGB/∂b per cell, when the model has an uncertainty; else empty.
    public private(set) var gradB: [Double] = []
    /// Observed cells (of those computed) with |NDVI| > 0.3 whose NDVI is positive / negative (a band-swap check).
    public private(set) var vegetationSigns: (positive: Int, negative: Int) = (0, 0)

    /// Empty buffers.
    public init() {}

    /// The status of each SCL class 0…255 under `masks`.
    static func sclTable(_ masks: MaskRules) -> [UInt8] {
        (0..<256).map { masks.status(scl: Double($0)).rawValue }
    }

    /// Judges and values the cells in `cells` (all `count` when nil) whose reflectance and quality values
    /// `reader` holds; the other cells' values are left undefined.
    public func compute(_ reader: TileReader, count n: Int, rules: CellRules, cells: CellRuns? = nil) throws {
        try compute(reader, count: n, rules: rules, cells: cells, fastPath: true)
    }

    /// As `compute(_:count:rules:cells:)`; `fastPath: false` takes the general path even where the NDVI path
    /// applies (for tests that compare the two).
    func compute(_ reader: TileReader, count n: Int, rules: CellRules, cells: CellRuns?, fastPath: Bool) throws {
        let runs = (cells ?? CellRuns(all: n)).ranges
        if status.count != n {
            status = [UInt8](repeating: 0, count: n)
            index = [Double](repeating: .nan, count: n)
            ndvi = [Double](repeating: .nan, count: n)
            agb = [Double](repeating: .nan, count: n)
        }
        let spectral = rules.index, model = rules.model
        let needed = spectral.roles.compactMap { reader.slot(of: $0) }
        guard needed.count == spectral.roles.count else {
            throw VerdantError.usage("index \(spectral) needs the \(spectral.roles.map(\.name).joined(separator: ", ")) bands")
        }
        let outcome: Outcome
        let ndviOnly = fastPath && spectral == .ndvi && reader.slot(of: .qa) == nil && reader.slot(of: .mask) == nil
            && rules.masks.validRange == nil
        if ndviOnly, !reader.converted, let stored = storedNDVIBands(reader) {
            outcome = valueNDVI(stored, runs: runs, rules: rules)
        } else {
            if !reader.converted { reader.convert(cells) }
            outcome = ndviOnly ? valueNDVI(reader, count: n, runs: runs, rules: rules)
                : valueGeneral(reader, count: n, runs: runs, rules: rules, needed: needed)
        }
        if let x = outcome.nonFinite {
            throw VerdantError.usage("model \(model.expression) gives a non-finite biomass for \(spectral) \(x); check its coefficients")
        }
        vegetationSigns = outcome.signs
        if model.uncertainty != nil {
            if gradA.count != n {
                gradA = [Double](repeating: 0, count: n)
                gradB = [Double](repeating: 0, count: n)
            }
            status.withUnsafeBufferPointer { status in
                index.withUnsafeBufferPointer { index in
                    gradA.withUnsafeMutableBufferPointer { ga in
                        gradB.withUnsafeMutableBufferPointer { gb in
                            for run in runs {
                                for i in run {
                                    let g: (a: Double, b: Double) = status[i] == CellStatus.observed.rawValue ? model.gradient(index[i]) : (0, 0)
                                    ga[i] = g.a
                                    gb[i] = g.b
                                }
                            }
                        }
                    }
                }
            }
        } else if !gradA.isEmpty {
            gradA = []
            gradB = []
        }
    }

    /// What valuing a tile found beside the cell values.
    private struct Outcome {
        /// Observed cells with NDVI above 0.3 / below −0.3.
        var signs: (positive: Int, negative: Int) = (0, 0)
        /// An index value for which the model gives a non-finite AGB, if any.
        var nonFinite: Double?
    }

    /// Calls `body` with the output buffers (status, index, NDVI, AGB).
    private func withOutputs(_ body: (UnsafeMutableBufferPointer<UInt8>, UnsafeMutableBufferPointer<Double>,
                                      UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void) {
        status.withUnsafeMutableBufferPointer { status in
            index.withUnsafeMutableBufferPointer { index in
                ndvi.withUnsafeMutableBufferPointer { ndvi in
                    agb.withUnsafeMutableBufferPointer { agb in body(status, index, ndvi, agb) }
                }
            }
        }
    }

    /// NDVI from red and NIR (reflectance already converted by the reader), with an SCL band or none.
    private func valueNDVI(_ reader: TileReader, count n: Int, runs: [Range<Int>], rules: CellRules) -> Outcome {
        let redSlot = reader.slot(of: .red)!, nirSlot = reader.slot(of: .nir)!, sclSlot = reader.slot(of: .scl)
        let table = sclSlot.map { _ in TileCells.sclTable(rules.masks) } ?? []
        return reader.withValues { values, stride in
            precondition(stride == n, "tile size mismatch")
            let red = UnsafeBufferPointer(rebasing: values[(redSlot * n)..<((redSlot + 1) * n)])
            let nir = UnsafeBufferPointer(rebasing: values[(nirSlot * n)..<((nirSlot + 1) * n)])
            let scl = sclSlot.map { UnsafeBufferPointer(rebasing: values[($0 * n)..<(($0 + 1) * n)]) }
            return table.withUnsafeBufferPointer { table in
                valueNDVICells(runs: runs, model: rules.model, sclTable: scl == nil ? nil : table,
                               red: { red[$0] }, nir: { nir[$0] }, scl: { scl![$0] })
            }
        }
    }

    /// Red and NIR stored as UInt16 (and SCL as bytes, or none), without alpha bands or masks: the cells are
    /// converted and valued in one pass, with the reader's arithmetic, so with the same bits.
    private struct StoredNDVIBands {
        var red: [UInt16], redConversion: RawSamples.Conversion
        var nir: [UInt16], nirConversion: RawSamples.Conversion
        var scl: [UInt8]?, sclConversion: RawSamples.Conversion?
    }

    private func storedNDVIBands(_ reader: TileReader) -> StoredNDVIBands? {
        guard let r = reader.stored(slot: reader.slot(of: .red)!), case .uInt16(let red) = r.samples,
              let v = reader.stored(slot: reader.slot(of: .nir)!), case .uInt16(let nir) = v.samples else { return nil }
        var bands = StoredNDVIBands(red: red, redConversion: r.conversion, nir: nir, nirConversion: v.conversion)
        if let sclSlot = reader.slot(of: .scl) {
            guard let c = reader.stored(slot: sclSlot), case .byte(let scl) = c.samples else { return nil }
            bands.scl = scl
            bands.sclConversion = c.conversion
        }
        return bands
    }

    private func valueNDVI(_ b: StoredNDVIBands, runs: [Range<Int>], rules: CellRules) -> Outcome {
        let table = b.scl == nil ? [] : TileCells.sclTable(rules.masks)
        let rc = b.redConversion, nc = b.nirConversion, sc = b.sclConversion
        return b.red.withUnsafeBufferPointer { red in
            b.nir.withUnsafeBufferPointer { nir in
                (b.scl ?? []).withUnsafeBufferPointer { scl in
                    table.withUnsafeBufferPointer { table in
                        valueNDVICells(runs: runs, model: rules.model, sclTable: b.scl == nil ? nil : table,
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
    private func valueNDVICells(runs: [Range<Int>], model: BiomassModel, sclTable: UnsafeBufferPointer<UInt8>?,
                                red: (Int) -> Double, nir: (Int) -> Double, scl: (Int) -> Double) -> Outcome {
        var outcome = Outcome()
        var positive = 0, negative = 0
        let noData = CellStatus.noData.rawValue
        withOutputs { status, indexOut, ndviOut, agbOut in
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
                    status[i] = s
                    indexOut[i] = x
                    ndviOut[i] = x
                    agbOut[i] = g
                }
            }
        }
        outcome.signs = (positive, negative)
        return outcome
    }

    /// Any index, any quality bands and masks.
    private func valueGeneral(_ reader: TileReader, count n: Int, runs: [Range<Int>], rules: CellRules, needed: [Int]) -> Outcome {
        let spectral = rules.index, model = rules.model, masks = rules.masks
        let slots = (red: reader.slot(of: .red), nir: reader.slot(of: .nir), blue: reader.slot(of: .blue),
                     green: reader.slot(of: .green), redEdge: reader.slot(of: .redEdge), scl: reader.slot(of: .scl),
                     qa: reader.slot(of: .qa), mask: reader.slot(of: .mask))
        let reflectanceSlots = reader.inputs.bands.indices.filter { reader.inputs.bands[$0].role.kind == .reflectance }
        let hasNDVI = slots.red != nil && slots.nir != nil
        let range = masks.validRange
        let scl = slots.scl.map { _ in TileCells.sclTable(masks) } ?? []
        let qa = masks.qaMasks
        var outcome = Outcome()
        var positive = 0, negative = 0
        reader.withValues { values, stride in
            precondition(stride == n, "tile size mismatch")
            func band(_ slot: Int?) -> UnsafeBufferPointer<Double>? {
                slot.map { UnsafeBufferPointer(rebasing: values[($0 * n)..<(($0 + 1) * n)]) }
            }
            let red = band(slots.red), nir = band(slots.nir), blue = band(slots.blue), green = band(slots.green)
            let redEdge = band(slots.redEdge), sclValues = band(slots.scl), qaValues = band(slots.qa), maskValues = band(slots.mask)
            let neededBands = needed.map { band($0)! }
            let reflectance = reflectanceSlots.map { band($0)! }
            scl.withUnsafeBufferPointer { sclTable in
                withOutputs { status, indexOut, ndviOut, agbOut in
                    for run in runs {
                        for i in run {
                            var s = CellStatus.observed.rawValue
                            for b in neededBands where b[i].isNaN { s = CellStatus.noData.rawValue; break }
                            if s == 0, let v = sclValues?[i] {
                                if v.isNaN { s = CellStatus.noData.rawValue }
                                else if v >= 0 && v < 256 { s = sclTable[Int(v)] }
                            }
                            if s == 0, let v = qaValues?[i] { s = qa.status(v).rawValue }
                            if s == 0, let m = maskValues?[i] {
                                if m.isNaN { s = CellStatus.noData.rawValue } else if m == 0 { s = CellStatus.masked.rawValue }
                            }
                            if s == 0, let range {
                                for b in reflectance where !b[i].isNaN && !range.contains(b[i]) { s = CellStatus.noData.rawValue; break }
                            }
                            var x = Double.nan, v = Double.nan, g = Double.nan
                            if s == 0 {
                                x = spectral.value(blue: blue?[i] ?? .nan, green: green?[i] ?? .nan, red: red?[i] ?? .nan,
                                                   redEdge: redEdge?[i] ?? .nan, nir: nir?[i] ?? .nan)
                                if x.isNaN {
                                    s = CellStatus.noData.rawValue
                                } else {
                                    g = model.agb(x)
                                    if !g.isFinite { outcome.nonFinite = x }
                                    if hasNDVI {
                                        v = NDVI.value(red: red![i], nir: nir![i])
                                        if v > 0.3 { positive += 1 } else if v < -0.3 { negative += 1 }
                                    }
                                }
                            }
                            status[i] = s
                            indexOut[i] = x
                            ndviOut[i] = v
                            agbOut[i] = g
                        }
                    }
                }
            }
        }
        outcome.signs = (positive, negative)
        return outcome
    }
}
