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
    /// Reflectance per role (indexed like `inputs.bands`) for the last tile read.
    public private(set) var values: [[Double]]

    /// Opens every input file once for this worker.
    public init(inputs: ResolvedInputs) throws {
        self.inputs = inputs
        self.values = Array(repeating: [], count: inputs.bands.count)
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

    /// The slot of `role` in `values`.
    public func slot(of role: BandRole) -> Int? { inputs.bands.firstIndex { $0.role == role } }

    /// Reads every role's band over `window` (one GDAL request per file) and converts to reflectance.
    public func read(_ window: Window) throws {
        let n = window.cellCount
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
                if values[slot].count != n { values[slot] = [Double](repeating: 0, count: n) }
                // Classes and flags are read as stored; reflectance is scaled.
                let isClasses = band.role.kind == .classes
                let gs = isClasses ? 1 : band.gdalScale, go = isClasses ? 0 : band.gdalOffset
                let us = isClasses ? 1 : inputs.scaling.scale, uo = isClasses ? 0 : inputs.scaling.offset
                let nodata = band.noData
                let base = k * n
                values[slot].withUnsafeMutableBufferPointer { out in
                    raw.withUnsafeBufferPointer { src in
                        if let nd = nodata, !nd.isNaN {
                            for i in 0..<n {
                                let v = src[base + i]
                                out[i] = (v == nd || v.isNaN) ? .nan : (v * gs + go) * us + uo
                            }
                        } else {
                            for i in 0..<n {
                                let v = src[base + i]
                                out[i] = v.isNaN ? .nan : (v * gs + go) * us + uo
                            }
                        }
                    }
                }
                if let alpha = band.alphaIndex, let k = group.bands.firstIndex(of: alpha) {
                    let alphaBase = k * n
                    raw.withUnsafeBufferPointer { src in
                        for i in 0..<n where src[alphaBase + i] == 0 { values[slot][i] = .nan }
                    }
                }
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
                    for i in 0..<n where mask[i] == 0 { values[slot][i] = .nan }
                }
            }
        }
    }
}
