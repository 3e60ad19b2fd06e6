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
    /// Observed cells with |NDVI| > 0.3 whose NDVI is positive / negative (a band-swap check).
    public private(set) var vegetationSigns: (positive: Int, negative: Int) = (0, 0)

    /// Empty buffers.
    public init() {}

    /// Judges and values the `count` cells whose reflectance and quality values `reader` holds.
    public func compute(_ reader: TileReader, count n: Int, rules: CellRules) throws {
        if status.count != n {
            status = [UInt8](repeating: 0, count: n)
            index = [Double](repeating: .nan, count: n)
            ndvi = [Double](repeating: .nan, count: n)
            agb = [Double](repeating: .nan, count: n)
        }
        let empty: [Double] = []
        func values(_ role: BandRole) -> [Double]? { reader.slot(of: role).map { reader.values[$0] } }
        let red = values(.red), nir = values(.nir), blue = values(.blue), green = values(.green), redEdge = values(.redEdge)
        let scl = values(.scl), qa = values(.qa), mask = values(.mask)
        let reflectance = reader.inputs.bands.filter { $0.role.kind == .reflectance }.compactMap { values($0.role) }
        let needed = rules.index.roles.compactMap { values($0) }
        guard needed.count == rules.index.roles.count else {
            throw VerdantError.usage("index \(rules.index) needs the \(rules.index.roles.map(\.name).joined(separator: ", ")) bands")
        }
        let hasNDVI = red != nil && nir != nil
        let range = rules.masks.validRange
        let index = rules.index, model = rules.model, masks = rules.masks
        var positive = 0, negative = 0
        var nonFinite: Double?
        for i in 0..<n {
            var s = CellStatus.observed
            for band in needed where band[i].isNaN { s = .noData; break }
            if s == .observed, let scl { s = masks.status(scl: scl[i]) }
            if s == .observed, let qa { s = masks.status(qa: qa[i]) }
            if s == .observed, let mask {
                let m = mask[i]
                if m.isNaN { s = .noData } else if m == 0 { s = .masked }
            }
            if s == .observed, let range {
                for band in reflectance where !band[i].isNaN && !range.contains(band[i]) { s = .noData; break }
            }
            var x = Double.nan, v = Double.nan, b = Double.nan
            if s == .observed {
                x = index.value(blue: (blue ?? empty).isEmpty ? .nan : blue![i], green: (green ?? empty).isEmpty ? .nan : green![i],
                                red: (red ?? empty).isEmpty ? .nan : red![i], redEdge: (redEdge ?? empty).isEmpty ? .nan : redEdge![i],
                                nir: nir.map { $0[i] } ?? .nan)
                if x.isNaN {
                    s = .noData
                } else {
                    b = model.agb(x)
                    if !b.isFinite { nonFinite = x }
                    if hasNDVI {
                        v = NDVI.value(red: red![i], nir: nir![i])
                        if v > 0.3 { positive += 1 } else if v < -0.3 { negative += 1 }
                    }
                }
            }
            status[i] = s.rawValue
            self.index[i] = x
            ndvi[i] = v
            agb[i] = b
        }
        if let x = nonFinite {
            throw VerdantError.usage("model \(model.expression) gives a non-finite biomass for \(index) \(x); check its coefficients")
        }
        vegetationSigns = (positive, negative)
        if model.uncertainty != nil {
            if gradA.count != n {
                gradA = [Double](repeating: 0, count: n)
                gradB = [Double](repeating: 0, count: n)
            }
            for i in 0..<n {
                let g: (a: Double, b: Double) = status[i] == CellStatus.observed.rawValue ? model.gradient(self.index[i]) : (0, 0)
                gradA[i] = g.a
                gradB[i] = g.b
            }
        } else if !gradA.isEmpty {
            gradA = []
            gradB = []
        }
    }
}
