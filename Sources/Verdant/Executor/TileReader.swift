import GDALKit

/// One worker's reader: its own GDAL handles, and reusable buffers that hold the reflectance of each role for
/// one tile, NaN where a cell is nodata, masked, or not a number.
public final class TileReader {
    /// The inputs being read.
    public let inputs: ResolvedInputs
    private var datasets: [String: Dataset] = [:]
    private var groups: [(path: String, bands: [Int], slots: [Int])] = []
    private var raw: [Double] = []
    private var mask: [UInt8] = []
    /// Reflectance (or classes) of every role for the last tile read, role after role (`count` cells each, in
    /// the order of `inputs.bands`).
    private var values: [Double] = []
    /// Cells per role in `values` (the last tile's cell count).
    public private(set) var count = 0

    /// Opens every input file once for this worker.
    public init(inputs: ResolvedInputs) throws {
        self.inputs = inputs
        for path in inputs.paths {
            do { datasets[path] = try Dataset.open(path) } catch { throw VerdantError.input(path, error) }
            var bands: [Int] = [], slots: [Int] = []
            for (slot, b) in inputs.bands.enumerated() where b.path == path {
                bands.append(b.index)
                slots.append(slot)
            }
            // Alpha bands are read in the same request, after the bands.
            for b in inputs.bands where b.path == path {
                if let a = b.alphaIndex, !bands.contains(a) { bands.append(a) }
            }
            groups.append((path, bands, slots))
        }
    }

    /// The slot of `role` in the values.
    public func slot(of role: BandRole) -> Int? { inputs.bands.firstIndex { $0.role == role } }

    /// The value of `cell` of the role in `slot` (NaN when undefined).
    public func value(slot: Int, cell: Int) -> Double { values[slot * count + cell] }

    /// Calls `body` with every role's values, role after role, `count` cells each.
    public func withValues<R>(_ body: (UnsafeBufferPointer<Double>, _ count: Int) throws -> R) rethrows -> R {
        try values.withUnsafeBufferPointer { try body($0, count) }
    }

    /// Reads every role's band over `window` (one GDAL request per file) and converts to reflectance.
    public func read(_ window: Window) throws {
        let n = window.cellCount
        count = n
        if values.count != n * inputs.bands.count { values = [Double](repeating: .nan, count: n * inputs.bands.count) }
        for group in groups {
            guard let dataset = datasets[group.path] else { continue }
            let needed = n * group.bands.count
            if raw.count < needed { raw = [Double](repeating: 0, count: needed) }
            do {
                try raw.withUnsafeMutableBufferPointer { buffer in
                    try dataset.read(window: window, bands: group.bands, into: UnsafeMutableBufferPointer(rebasing: buffer[0..<needed]))
                }
            } catch {
                throw VerdantError.input(group.path, error)
            }
            for (k, slot) in group.slots.enumerated() {
                let band = inputs.bands[slot]
                if band.hasExplicitMask {
                    if mask.count < n { mask = [UInt8](repeating: 0, count: n) }
                    do {
                        let rb = try dataset.band(band.index)
                        try mask.withUnsafeMutableBufferPointer { m in
                            try rb.readMask(window: window, into: UnsafeMutableBufferPointer(rebasing: m[0..<n]))
                        }
                    } catch {
                        throw VerdantError.input(group.path, error)
                    }
                }
                // Classes and flags are read as stored; reflectance is scaled.
                let isClasses = band.role.kind == .classes
                let gs = isClasses ? 1 : band.gdalScale, go = isClasses ? 0 : band.gdalOffset
                let us = isClasses ? 1 : inputs.scaling.scale, uo = isClasses ? 0 : inputs.scaling.offset
                let nd = band.noData ?? .nan
                let base = k * n
                let alphaBase = band.alphaIndex.flatMap { a in group.bands.firstIndex(of: a) }.map { $0 * n }
                let masked = band.hasExplicitMask
                values.withUnsafeMutableBufferPointer { all in
                    let out = UnsafeMutableBufferPointer(rebasing: all[(slot * n)..<((slot + 1) * n)])
                    raw.withUnsafeBufferPointer { src in
                        for i in 0..<n {
                            let v = src[base + i]
                            out[i] = (v == nd || v.isNaN) ? .nan : (v * gs + go) * us + uo
                        }
                        if let alphaBase {
                            for i in 0..<n where src[alphaBase + i] == 0 { out[i] = .nan }
                        }
                    }
                    if masked {
                        mask.withUnsafeBufferPointer { m in
                            for i in 0..<n where m[i] == 0 { out[i] = .nan }
                        }
                    }
                }
            }
        }
    }
}
