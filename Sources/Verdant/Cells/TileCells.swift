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
        let runs = (cells ?? CellRuns(all: n)).ranges
        if status.count != n {
            status = [UInt8](repeating: 0, count: n)
            index = [Double](repeating: .nan, count: n)
            ndvi = [Double](repeating: .nan, count: n)
            agb = [Double](repeating: .nan, count: n)
        }
        let spectral = rules.index, model = rules.model, masks = rules.masks
        let slots = (red: reader.slot(of: .red), nir: reader.slot(of: .nir), blue: reader.slot(of: .blue),
                     green: reader.slot(of: .green), redEdge: reader.slot(of: .redEdge), scl: reader.slot(of: .scl),
                     qa: reader.slot(of: .qa), mask: reader.slot(of: .mask))
        let needed = spectral.roles.compactMap { reader.slot(of: $0) }
        guard needed.count == spectral.roles.count else {
            throw VerdantError.usage("index \(spectral) needs the \(spectral.roles.map(\.name).joined(separator: ", ")) bands")
        }
        let reflectanceSlots = reader.inputs.bands.indices.filter { reader.inputs.bands[$0].role.kind == .reflectance }
        let hasNDVI = slots.red != nil && slots.nir != nil
        let range = masks.validRange
        let scl = slots.scl.map { _ in TileCells.sclTable(masks) } ?? []
        let qaFill = masks.qaExcludeBits.contains(0)
        let qaCloud = masks.qaExcludeBits.filter { $0 != 0 && MaskRules.qaCloudBits.contains($0) }.reduce(0) { $0 | (1 << $1) }
        let qaMasked = masks.qaExcludeBits.filter { $0 != 0 && !MaskRules.qaCloudBits.contains($0) }.reduce(0) { $0 | (1 << $1) }
        var positive = 0, negative = 0
        var nonFinite: Double?

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
                status.withUnsafeMutableBufferPointer { status in
                    index.withUnsafeMutableBufferPointer { indexOut in
                        ndvi.withUnsafeMutableBufferPointer { ndviOut in
                            agb.withUnsafeMutableBufferPointer { agbOut in
                                for run in runs {
                                  for i in run {
                                    var s = CellStatus.observed.rawValue
                                    for b in neededBands where b[i].isNaN { s = CellStatus.noData.rawValue; break }
                                    if s == 0, let v = sclValues?[i] {
                                        if v.isNaN { s = CellStatus.noData.rawValue }
                                        else if v >= 0 && v < 256 { s = sclTable[Int(v)] }
                                    }
                                    if s == 0, let v = qaValues?[i] {
                                        if v.isNaN { s = CellStatus.noData.rawValue } else {
                                            let flags = Int(v)
                                            if qaFill && flags & 1 != 0 { s = CellStatus.noData.rawValue }
                                            else if flags & qaCloud != 0 { s = CellStatus.cloud.rawValue }
                                            else if flags & qaMasked != 0 { s = CellStatus.masked.rawValue }
                                        }
                                    }
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
                                            if !g.isFinite { nonFinite = x }
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
                }
            }
        }
        if let x = nonFinite {
            throw VerdantError.usage("model \(model.expression) gives a non-finite biomass for \(spectral) \(x); check its coefficients")
        }
        vegetationSigns = (positive, negative)
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
}
