/// The per-cell results of one tile: each cell's status (observed, no data, cloud, masked), its index, its NDVI
/// (when red and NIR are given) and its AGB (t/ha), as one `TileBuffers` value. One per worker, buffers reused from
/// tile to tile.
public final class TileCells {
    /// The tile's cell values.
    public private(set) var buffers = TileBuffers()
    /// Observed cells (of those computed) with |NDVI| > 0.3 whose NDVI is positive / negative (a band-swap check).
    public private(set) var vegetationSigns: (positive: Int, negative: Int) = (0, 0)

    /// Status of each cell (`CellStatus` raw values).
    public var status: [UInt8] { buffers.status }
    /// The model's index, NaN where the cell is not observed.
    public var index: [Double] { buffers.index }
    /// NDVI, NaN where not observed or where the input lacks red or NIR.
    public var ndvi: [Double] { buffers.ndvi }
    /// AGB in t/ha, NaN where not observed.
    public var agb: [Double] { buffers.agb }
    /// ∂AGB/∂a per cell (t/ha per unit of a), when the model has an uncertainty; else empty.
    public var gradA: [Double] { buffers.gradA }
    /// ∂AGB/∂b per cell, when the model has an uncertainty; else empty.
    public var gradB: [Double] { buffers.gradB }

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
        let spectral = rules.index, model = rules.model
        buffers.resize(n, gradients: model.uncertainty != nil)
        let indexSlot = rules.readsIndexBand(Set(reader.inputs.roles)) ? reader.slot(of: spectral.bandRole) : nil
        let needed = indexSlot.map { [$0] } ?? spectral.roles.compactMap { reader.slot(of: $0) }
        guard indexSlot != nil || needed.count == spectral.roles.count else {
            throw VerdantError.usage(
                "index \(spectral) needs the \(spectral.roles.map(\.name).joined(separator: ", ")) bands (or the \(spectral.bandRole) band itself)"
            )
        }
        let outcome: CellOutcome
        let ndviOnly =
            fastPath && spectral == .ndvi && indexSlot == nil && reader.slot(of: .qa) == nil
            && reader.slot(of: .mask) == nil && rules.masks.validRange == nil
        if ndviOnly, !reader.converted, let stored = storedNDVIBands(reader) {
            outcome = buffers.valueNDVI(
                stored: stored, sclTable: stored.scl == nil ? [] : TileCells.sclTable(rules.masks),
                runs: runs, model: model)
        } else {
            if !reader.converted { reader.convert(cells) }
            if ndviOnly {
                precondition(reader.count == n, "tile size mismatch")
                let sclSlot = reader.slot(of: .scl)
                outcome = buffers.valueNDVI(
                    values: reader.values, red: reader.slot(of: .red)!, nir: reader.slot(of: .nir)!,
                    scl: sclSlot, sclTable: sclSlot == nil ? [] : TileCells.sclTable(rules.masks),
                    runs: runs, model: model)
            } else {
                outcome = buffers.valueIndex(reader, runs: runs, rules: rules, needed: needed, indexSlot: indexSlot)
            }
        }
        if let x = outcome.nonFinite {
            throw VerdantError.usage(
                "model \(model.expression) gives a non-finite biomass for \(spectral) \(x); check its coefficients")
        }
        vegetationSigns = outcome.signs
        if model.uncertainty != nil { buffers.fillGradients(runs: runs, model: model) }
    }

    /// Red and NIR as stored, when the fused NDVI path can read them.
    private func storedNDVIBands(_ reader: TileReader) -> TileBuffers.StoredNDVIBands? {
        guard let r = reader.stored(slot: reader.slot(of: .red)!), case .uInt16(let red) = r.samples,
            let v = reader.stored(slot: reader.slot(of: .nir)!), case .uInt16(let nir) = v.samples
        else { return nil }
        var bands = TileBuffers.StoredNDVIBands(
            red: red, redConversion: r.conversion, nir: nir, nirConversion: v.conversion)
        if let sclSlot = reader.slot(of: .scl) {
            guard let c = reader.stored(slot: sclSlot), case .byte(let scl) = c.samples else { return nil }
            bands.scl = scl
            bands.sclConversion = c.conversion
        }
        return bands
    }
}

/// What valuing a tile found beside the cell values.
struct CellOutcome {
    /// Observed cells with NDVI above 0.3 / below −0.3.
    var signs: (positive: Int, negative: Int) = (0, 0)
    /// An index value for which the model gives a non-finite AGB, if any.
    var nonFinite: Double?
}
