import GDALKit

/// One worker's reader: its own GDAL handles, and reusable buffers that hold the reflectance of each role for
/// one tile, NaN where a cell is nodata, masked, or not a number.
public final class TileReader {
    /// The inputs being read.
    public let inputs: ResolvedInputs
    private var datasets: [Dataset] = []
    /// Per file: its dataset, the bands read (roles' bands, then alpha bands), the role slots they fill, and the
    /// cell type they are read in.
    private var groups: [(dataset: Int, bands: [Int], slots: [Int], type: DataType)] = []
    /// The tile last loaded, as stored.
    private var loaded: RawTile?
    /// Reflectance (or classes) of every role for the last tile read, role after role (`count` cells each, in
    /// the order of `inputs.bands`).
    public private(set) var values: [Double] = []
    /// Cells per role in `values` (the last tile's cell count).
    public private(set) var count = 0

    /// Opens every input file once for this worker.
    public init(inputs: ResolvedInputs) throws {
        self.inputs = inputs
        for path in inputs.paths {
            do { datasets.append(try Dataset.open(path)) } catch { throw VerdantError.input(path, error) }
            var bands: [Int] = [], slots: [Int] = []
            for (slot, b) in inputs.bands.enumerated() where b.path == path {
                bands.append(b.index)
                slots.append(slot)
            }
            // Alpha bands are read in the same request, after the bands.
            for b in inputs.bands where b.path == path {
                if let a = b.alphaIndex, !bands.contains(a) { bands.append(a) }
            }
            let dataset = datasets[datasets.count - 1]
            var types = Set<DataType>()
            for b in bands { types.insert((try? dataset.band(b).dataType) ?? .float64) }
            groups.append((datasets.count - 1, bands, slots, types.count == 1 ? types.first! : .float64))
        }
    }

    /// The slot of `role` in the values.
    public func slot(of role: BandRole) -> Int? { inputs.bands.firstIndex { $0.role == role } }

    /// The value of `cell` of the role in `slot` (NaN when undefined).
    public func value(slot: Int, cell: Int) -> Double { values[slot * count + cell] }

    /// Decodes every file's bands over `window` (one GDAL request per file) in the files' own cell types, into
    /// new storage: for reading ahead.
    public func decode(_ window: Window) throws -> RawTile {
        var tile = RawTile(
            window: window, samples: groups.map { RawSamples(for: $0.type) },
            masks: Array(repeating: [], count: inputs.bands.count))
        try decode(window, into: &tile)
        return tile
    }

    private func decode(_ window: Window, into tile: inout RawTile) throws {
        tile.window = window
        for (g, group) in groups.enumerated() {
            let dataset = datasets[group.dataset]
            do {
                try tile.samples[g].read(dataset, window: window, bands: group.bands)
                for slot in group.slots where inputs.bands[slot].hasExplicitMask {
                    try dataset.band(inputs.bands[slot].index).readMask(window: window, into: &tile.masks[slot])
                }
            } catch {
                throw VerdantError.input(dataset.path, error)
            }
        }
    }

    /// Reads every role's band over `window` (one GDAL request per file), or takes `decoded` (read ahead for
    /// this window), and converts to reflectance the cells in `cells` (all when nil); the values of other cells
    /// are left undefined.
    public func read(_ window: Window, cells: CellRuns? = nil, decoded: RawTile? = nil) throws {
        try load(window, decoded: decoded)
        convert(cells)
    }

    /// Reads every role's band over `window` (one GDAL request per file), or takes `decoded`, without converting
    /// them: `convert(_:)` does, or `TileCells` reads the stored values itself.
    public func load(_ window: Window, decoded: RawTile? = nil) throws {
        count = window.cellCount
        converted = false
        if let decoded, decoded.window == window {
            loaded = decoded
            return
        }
        var own =
            loaded
            ?? RawTile(
                window: window, samples: groups.map { RawSamples(for: $0.type) },
                masks: Array(repeating: [], count: inputs.bands.count))
        loaded = nil
        try decode(window, into: &own)
        loaded = own
    }

    /// True once the loaded tile's values were converted.
    public private(set) var converted = false

    /// Converts to reflectance the cells in `cells` (all when nil) of the loaded tile.
    public func convert(_ cells: CellRuns? = nil) {
        guard let tile = loaded else { return }
        let n = count
        let runs = (cells ?? CellRuns(all: n)).ranges
        if values.count != n * inputs.bands.count { values = [Double](repeating: .nan, count: n * inputs.bands.count) }
        for (g, group) in groups.enumerated() {
            for slot in group.slots {
                tile.samples[g].convert(
                    conversion(slot: slot), runs: runs, count: n,
                    mask: inputs.bands[slot].hasExplicitMask ? tile.masks[slot] : nil,
                    into: &values, at: slot * n)
            }
        }
        converted = true
    }

    /// How the stored values of the band in `slot` become reflectance (classes and flags stay as stored).
    func conversion(slot: Int) -> RawSamples.Conversion {
        let n = count
        let band = inputs.bands[slot]
        let group = groups.first { $0.slots.contains(slot) }!
        let k = group.slots.firstIndex(of: slot)!
        let isClasses = band.role.kind == .classes
        return RawSamples.Conversion(
            base: k * n, alphaBase: band.alphaIndex.flatMap { a in group.bands.firstIndex(of: a) }.map { $0 * n },
            noData: band.noData ?? .nan, gdalScale: isClasses ? 1 : band.gdalScale,
            gdalOffset: isClasses ? 0 : band.gdalOffset, scale: isClasses ? 1 : inputs.scaling.scale,
            offset: isClasses ? 0 : inputs.scaling.offset)
    }

    /// The loaded, unconverted samples of the band in `slot` with their conversion, when they are stored as
    /// `UInt16` (or `UInt8` for `byte`) and carry no alpha band and no explicit mask: for `TileCells`' fused path.
    func stored(slot: Int) -> (samples: RawSamples, conversion: RawSamples.Conversion)? {
        guard let tile = loaded, !inputs.bands[slot].hasExplicitMask else { return nil }
        let conversion = self.conversion(slot: slot)
        guard conversion.alphaBase == nil, let g = groups.firstIndex(where: { $0.slots.contains(slot) }) else {
            return nil
        }
        return (tile.samples[g], conversion)
    }
}
