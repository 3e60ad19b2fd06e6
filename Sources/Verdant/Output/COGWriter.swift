import Foundation
import GDALKit

/// Writes a Cloud-Optimized GeoTIFF of one or more bands (Float32 with NaN nodata by default, or another cell
/// type and nodata value, such as Byte with 255) straight from the workers' tiles, with its overviews, in one
/// pass: a worker that completes a tile of the COG compresses it (with the TIFF predictor GDAL uses) in its own
/// thread, spools it to a temporary file beside the output and reduces it into the overview tile above it (the
/// mean of 2 × 2 cells for floating-point cells, GDAL's AVERAGE; the top-left cell for integer cells), which is
/// compressed the same way once its children are in. `convert()` writes the COG beside the output with the
/// layout of GDAL's COG driver (GDAL writes a small template whose georeferencing, nodata, metadata and colour
/// tags the COG's directories take) and `commit()` renames it into place. Until then the output path is
/// untouched; `abandon()` removes the temporaries.
///
/// Tiles of the COG are `COGOptions.blockSize` cells square, compressed as `COGOptions.codec(floatingPoint:)`
/// says, one band per tile. Cells never written hold the nodata value. Each cell is written
/// once: windows of one band must not overlap.
///
/// Thread rules: every access to the writer's state goes through its lock, held for bookkeeping and copies only;
/// any worker may write windows from any thread.
public final class COGWriter: @unchecked Sendable {
    /// The output.
    public let output: OutputPath
    private let spoolPath: String
    private let cogTemp: String
    private let options: COGOptions
    private let grid: RasterGrid
    /// The cell type of the bands.
    public let dataType: DataType
    /// A legend for band 1 (class names and colours): its colour table goes into the COG.
    public var classTable: ClassTable? {
        get { lock.withLock { legend } }
        set { lock.withLock { legend = newValue } }
    }
    /// The unit of each band (`SetUnitType`), band 1 first; nil: every band has the writer's unit.
    public var bandUnits: [String]? {
        get { lock.withLock { units } }
        set { lock.withLock { units = newValue } }
    }
    /// Dataset metadata items written into the GeoTIFF (`GDAL_METADATA`): provenance such as the Verdant
    /// version, the model and the inputs' checksums (see `COGProvenance`).
    public var metadata: [String: String] {
        get { lock.withLock { items } }
        set { lock.withLock { items = newValue } }
    }
    /// A QGIS style written beside the COG (`QGISStyle.path(beside:)`), converted and committed with it: its
    /// output (checked and locked like the COG's) and its QML text.
    public var style: (output: OutputPath, qml: String)? {
        get { lock.withLock { sidecar } }
        set { lock.withLock { sidecar = newValue } }
    }
    private let bandDescriptions: [String]
    private let unit: String
    private let noData: Double
    private let pyramid: COGPyramid
    private let cellBytes: Int
    private let predictor: TIFFPredictor
    private let reduction: OverviewReduction
    private let codec: TileCompressor.Codec
    /// A tile full of nodata (the start of every tile, so that cells never written hold nodata).
    private let blank: [UInt8]

    private let lock = NSLock()
    private var legend: ClassTable?
    private var units: [String]?
    private var items: [String: String] = [:]
    private var sidecar: (output: OutputPath, qml: String)?
    /// The style's temporary file once converted.
    private var styleTemp: String?
    /// The spool of compressed tiles; nil once converted or abandoned.
    private var spool: FileHandle?
    private var spoolEnd: UInt64 = 0
    /// Tiles with some of their cells (level 0) or children (overviews) in: their cells and how many are in.
    private var pending: [COGPyramid.Tile: (bytes: [UInt8], filled: Int)] = [:]
    /// Tiles spooled.
    private var records: [COGPyramid.Tile: COGLayout.Record] = [:]
    /// Workspaces not in use (one per writing thread at most are made).
    private var idle: [Workspace] = []
    /// Tile buffers to reuse.
    private var freeTiles: [[UInt8]] = []
    /// Overview tiles some of whose children are in: the reduced quarters that came (top-left, top-right,
    /// bottom-left, bottom-right).
    private var waiting: [COGPyramid.Tile: [[UInt8]?]] = [:]
    /// Quarter buffers to reuse.
    private var freeQuarters: [[UInt8]] = []
    /// True between `convert()` and `commit()`.
    private var converted = false
    /// Writes a BigTIFF even when a classic TIFF would do (for tests of the BigTIFF layout).
    var alwaysBigTIFF = false

    /// Creates the writer and its spool beside the output (this is where an unwritable output fails, before any
    /// work is done) for a band of `dataType` cells (Float32 by default) whose nodata value is `noData` (NaN by
    /// default).
    public convenience init(
        output: OutputPath, grid: RasterGrid, bandDescription: String, unit: String, options: COGOptions,
        dataType: DataType = .float32, noData: Double = .nan
    ) throws {
        try self.init(
            output: output, grid: grid, bandDescriptions: [bandDescription], unit: unit, options: options,
            dataType: dataType, noData: noData)
    }

    /// Creates the writer of a COG with one band per description (all of one cell type and nodata value), band 1
    /// first.
    public init(
        output: OutputPath, grid: RasterGrid, bandDescriptions: [String], unit: String, options: COGOptions,
        dataType: DataType = .float32, noData: Double = .nan
    ) throws {
        precondition(!bandDescriptions.isEmpty, "a COG needs a band")
        precondition(1.littleEndian == 1, "the COG writer writes little-endian TIFFs from memory as it is")
        let floatingPoint: Bool
        switch dataType {
        case .byte: (cellBytes, floatingPoint) = (1, false)
        case .uInt16, .int16: (cellBytes, floatingPoint) = (2, false)
        case .uInt32, .int32: (cellBytes, floatingPoint) = (4, false)
        case .uInt64, .int64: (cellBytes, floatingPoint) = (8, false)
        case .float32: (cellBytes, floatingPoint) = (4, true)
        case .float64: (cellBytes, floatingPoint) = (8, true)
        default: throw VerdantError.internal("COG writer: cells of type \(dataType.rawValue) are not written")
        }
        self.output = output
        self.grid = grid
        self.options = options
        self.dataType = dataType
        self.bandDescriptions = bandDescriptions
        self.unit = unit
        self.noData = noData
        self.pyramid = COGPyramid(
            width: grid.width, height: grid.height, bands: bandDescriptions.count,
            tileSize: COGOptions.blockSize(width: grid.width, height: grid.height))
        self.predictor = floatingPoint ? .floatingPoint : .horizontal
        self.reduction = OverviewReduction(floatingPoint: floatingPoint, bytesPerSample: cellBytes)
        self.codec = options.codec(floatingPoint: floatingPoint)
        self.blank = Self.filled(with: noData, dataType: dataType, cells: pyramid.tileSize * pyramid.tileSize)
        self.spoolPath = output.temporarySibling(tag: "tiles")
        self.cogTemp = output.temporarySibling(tag: "cog")
        guard FileManager.default.createFile(atPath: spoolPath, contents: nil),
            let handle = FileHandle(forUpdatingAtPath: spoolPath)
        else {
            output.discard(spoolPath)
            throw VerdantError.output(file: output.path, problem: "cannot create a temporary file beside it")
        }
        spool = handle
    }

    deinit { abandon() }

    /// Writes the cells of `window` (row-major, of the writer's cell type: Float32 by default, NaN = nodata) into
    /// band `band` (1-based).
    public func write<T: RasterElement>(window: Window, band: Int = 1, values: [T]) throws {
        try values.withUnsafeBufferPointer { try write(window: window, band: band, cells: $0) }
    }

    /// Writes the cells of `window` (row-major, of the writer's cell type) into band `band` (1-based), from a
    /// buffer (a slice of a worker's outputs, say, without a copy). Safety: the window is checked against the
    /// raster and `values` holds its cells, before any copy; each copy is one row of a tile inside the tile.
    func write<T: RasterElement>(window: Window, band: Int = 1, cells values: UnsafeBufferPointer<T>) throws {
        guard T.dataType == dataType else {
            throw VerdantError.internal(
                "COG writer for \(output.path): \(T.dataType.rawValue) cells given for a \(dataType.rawValue) band")
        }
        guard (1...pyramid.bands).contains(band), values.count == window.cellCount,
            window.columnOffset >= 0, window.rowOffset >= 0, window.columnOffset + window.width <= grid.width,
            window.rowOffset + window.height <= grid.height
        else {
            throw VerdantError.internal(
                "COG writer for \(output.path): window \(window) or band \(band) is off the raster")
        }
        guard lock.withLock({ spool != nil }) else {
            throw VerdantError.internal("COG writer for \(output.path) already finished")
        }
        let size = pyramid.tileSize
        let columns = (window.columnOffset / size)...((window.columnOffset + window.width - 1) / size)
        let rows = (window.rowOffset / size)...((window.rowOffset + window.height - 1) / size)
        var complete: [(COGPyramid.Tile, [UInt8])] = []
        let source = UnsafeRawBufferPointer(values)
        for row in rows {
            for column in columns {
                let tile = COGPyramid.Tile(level: 0, band: band - 1, column: column, row: row)
                let extent = pyramid.extent(tile)
                // The part of the window in this tile, in the tile's and in the window's cells.
                let x0 = max(window.columnOffset, column * size), y0 = max(window.rowOffset, row * size)
                let x1 = min(window.columnOffset + window.width, column * size + extent.width)
                let y1 = min(window.rowOffset + window.height, row * size + extent.height)
                let cells = (x1 - x0) * (y1 - y0)
                func copy(into bytes: inout [UInt8]) {
                    bytes.withUnsafeMutableBytes { target in
                        let rowBytes = (x1 - x0) * cellBytes
                        for y in y0..<y1 {
                            let from = ((y - window.rowOffset) * window.width + (x0 - window.columnOffset)) * cellBytes
                            let to = ((y - row * size) * size + (x0 - column * size)) * cellBytes
                            (target.baseAddress! + to).copyMemory(from: source.baseAddress! + from, byteCount: rowBytes)
                        }
                    }
                }
                if cells == extent.width * extent.height {
                    // The window covers the tile: nobody else writes it. A whole tile is all overwritten; an edge
                    // tile keeps nodata beyond the raster.
                    var bytes = try lock.withLock {
                        guard records[tile] == nil && pending[tile] == nil else { throw twice(tile) }
                        return takeTile(blank: extent.width != size || extent.height != size)
                    }
                    copy(into: &bytes)
                    complete.append((tile, bytes))
                    continue
                }
                try lock.withLock {
                    guard records[tile] == nil else { throw twice(tile) }
                    var entry = pending.removeValue(forKey: tile) ?? (takeTile(blank: true), 0)
                    copy(into: &entry.bytes)
                    entry.filled += cells
                    if entry.filled >= extent.width * extent.height {
                        complete.append((tile, entry.bytes))
                    } else {
                        pending[tile] = entry
                    }
                }
            }
        }
        guard !complete.isEmpty else { return }
        let workspace =
            try lock.withLock { idle.popLast() } ?? Workspace(codec: codec, tileSize: size, cellBytes: cellBytes)
        defer { lock.withLock { idle.append(workspace) } }
        for (tile, bytes) in complete { try finish(tile, bytes, workspace) }
    }

    private func twice(_ tile: COGPyramid.Tile) -> VerdantError {
        .internal("COG writer for \(output.path): cells of band \(tile.band + 1) written twice")
    }

    /// A tile buffer from the pool (or a new one), all nodata when `blank`, else of undefined cells. Called with the
    /// lock held.
    private func takeTile(blank fill: Bool) -> [UInt8] {
        guard var bytes = freeTiles.popLast() else {
            return fill ? blank : [UInt8](unsafeUninitializedCapacity: blank.count) { _, n in n = blank.count }
        }
        if fill { bytes.withUnsafeMutableBytes { _ = $0.copyBytes(from: blank) } }
        return bytes
    }

    /// Spools a complete tile and reduces it into its parent; finishes the parent too when that completes it.
    private func finish(_ tile: COGPyramid.Tile, _ cells: [UInt8], _ workspace: Workspace) throws {
        var cells = cells
        var parentComplete: (COGPyramid.Tile, [UInt8])?
        if let (parent, column, row) = pyramid.parent(of: tile) {
            let extent = pyramid.extent(tile)
            cells.withUnsafeBytes { source in
                workspace.quarter.withUnsafeMutableBytes { target in
                    reduction.reduce(
                        source, width: extent.width, height: extent.height, tileSize: pyramid.tileSize,
                        into: target, noData: noData)
                }
            }
            let quadrant = (column > 0 ? 1 : 0) + (row > 0 ? 2 : 0)
            try lock.withLock {
                guard records[parent] == nil else { throw twice(parent) }
                // The reduced quarter waits with its parent's other quarters (a parent is assembled only once
                // its children are all in, so that a waiting parent holds the quarters that came, not a tile).
                var quarters = waiting.removeValue(forKey: parent) ?? [nil, nil, nil, nil]
                quarters[quadrant] = workspace.quarter
                workspace.quarter = freeQuarters.popLast() ?? [UInt8](repeating: 0, count: workspace.quarter.count)
                if quarters.compactMap({ $0 }).count == pyramid.children(of: parent) {
                    parentComplete = (parent, assemble(parent, quarters))
                } else {
                    waiting[parent] = quarters
                }
            }
        }
        try spoolTile(tile, &cells, workspace)
        if let (parent, bytes) = parentComplete { try finish(parent, bytes, workspace) }
    }

    /// The cells of an overview tile from its reduced quarters (the missing ones, past the edges, nodata); the
    /// quarters' buffers go back to the pool. Called with the lock held.
    private func assemble(_ tile: COGPyramid.Tile, _ quarters: [[UInt8]?]) -> [UInt8] {
        let size = pyramid.tileSize, half = size / 2
        let extent = pyramid.extent(tile)
        var bytes = takeTile(blank: extent.width != size || extent.height != size || quarters.contains { $0 == nil })
        bytes.withUnsafeMutableBytes { target in
            for (k, quarter) in quarters.enumerated() {
                guard let quarter else { continue }
                let column = (k % 2) * half, row = (k / 2) * half
                // The quarter's cells inside the tile's extent.
                let width = max(0, min(half, extent.width - column)), height = max(0, min(half, extent.height - row))
                quarter.withUnsafeBytes { source in
                    for y in 0..<height {
                        (target.baseAddress! + ((row + y) * size + column) * cellBytes).copyMemory(
                            from: source.baseAddress! + y * half * cellBytes, byteCount: width * cellBytes)
                    }
                }
                if freeQuarters.count < 16 { freeQuarters.append(quarter) }
            }
        }
        return bytes
    }

    /// Applies the predictor to a tile's cells, compresses them and appends the record to the spool; the tile's
    /// buffer goes back to the pool.
    private func spoolTile(_ tile: COGPyramid.Tile, _ cells: inout [UInt8], _ workspace: Workspace) throws {
        let size = pyramid.tileSize
        try cells.withUnsafeMutableBytes { raw in
            predictor.apply(to: raw, width: size, rows: size, bytesPerSample: cellBytes, scratch: &workspace.scratch)
        }
        try workspace.compressor.compress(cells, into: &workspace.compressed)
        let compressed = workspace.compressed
        // The record: the size, the bytes, their last 4 bytes again (GDAL's block leader and trailer).
        var leader: [UInt8] = [], trailer = Array(compressed.suffix(4))
        withUnsafeBytes(of: UInt32(compressed.count).littleEndian) { leader.append(contentsOf: $0) }
        if trailer.count < 4 { trailer += [UInt8](repeating: 0, count: 4 - trailer.count) }
        try lock.withLock {
            if freeTiles.count < 8 { freeTiles.append(cells) }
            guard let spool else { throw VerdantError.internal("COG writer for \(output.path) already finished") }
            do {
                try spool.write(contentsOf: leader)
                try spool.write(contentsOf: compressed)
                try spool.write(contentsOf: trailer)
            } catch {
                throw VerdantError.output(file: output.path, problem: "writing a temporary file: \(error)")
            }
            records[tile] = COGLayout.Record(offset: spoolEnd, size: compressed.count)
            spoolEnd += UInt64(compressed.count + 8)
        }
    }

    /// Converts the staging file to a COG and moves it onto the output path.
    public func finish() throws {
        try convert()
        try commit()
    }

    /// Writes the COG beside the output, leaving the output path untouched: a run with several outputs converts
    /// them all before it commits any, so that a failure leaves none behind.
    public func convert() throws {
        do {
            guard lock.withLock({ spool != nil }) else {
                throw VerdantError.internal("COG writer for \(output.path) already finished")
            }
            // Tiles some of whose cells were never written: the rest is nodata.
            let level0 = pyramid.allTiles.filter { $0.level == 0 }
            for tile in level0 {
                let left: [UInt8]? = lock.withLock {
                    if records[tile] != nil { return nil }
                    if let entry = pending.removeValue(forKey: tile) { return entry.bytes }
                    // A tile none of whose cells came: its parent's bookkeeping still needs it.
                    return takeTile(blank: true)
                }
                if let left {
                    let workspace =
                        try lock.withLock { idle.popLast() }
                        ?? Workspace(codec: codec, tileSize: pyramid.tileSize, cellBytes: cellBytes)
                    defer { lock.withLock { idle.append(workspace) } }
                    try finish(tile, left, workspace)
                }
            }
            let (table, all) = lock.withLock { (legend, records) }
            guard all.count == pyramid.allTiles.count, lock.withLock({ pending.isEmpty && waiting.isEmpty }) else {
                throw VerdantError.internal("COG writer for \(output.path): tiles of the overviews are missing")
            }
            let template = try makeTemplate(classTable: table)
            try writeStyle()
            let handle = lock.withLock { spool }!
            try handle.seek(toOffset: 0)
            do {
                try COGLayout.write(
                    to: cogTemp, template: template, pyramid: pyramid, records: all, spool: handle,
                    alwaysBigTIFF: alwaysBigTIFF)
            } catch let e as TIFFDirectoryError {
                throw VerdantError.output(file: output.path, problem: "\(e.description)")
            }
            lock.withLock {
                try? spool?.close()
                spool = nil
                converted = true
            }
            output.discard(spoolPath)
        } catch {
            output.discard(cogTemp)
            abandon()
            if let e = error as? VerdantError { throw e }
            throw VerdantError.output(file: output.path, problem: "\(error)")
        }
    }

    /// The directory GDAL writes for this raster (georeferencing, nodata, band descriptions, unit, colour table),
    /// from a sparse GeoTIFF of the same size and tiling beside the output, removed again.
    private func makeTemplate(classTable: ClassTable?) throws -> TIFFDirectory {
        let path = output.temporarySibling(tag: "template")
        defer {
            output.discard(path)
            // GDAL keeps what a TIFF cannot hold (category names, attribute table) in a .aux.xml beside it; the
            // caller writes the output's own.
            unlink(path + ".aux.xml")
        }
        let ds = try Driver(named: "GTiff").create(
            path: path, width: grid.width, height: grid.height, bandCount: pyramid.bands, dataType: dataType,
            options: [
                "TILED=YES", "INTERLEAVE=BAND", "BLOCKXSIZE=\(pyramid.tileSize)", "BLOCKYSIZE=\(pyramid.tileSize)",
                "COMPRESS=\(options.compression.rawValue)", "PREDICTOR=\(predictor.tiffValue)", "SPARSE_OK=TRUE",
                "BIGTIFF=NO"
            ])
        try ds.setGeoTransform(grid.geoTransform)
        try ds.setSpatialReference(SpatialReference(userInput: grid.crsWKT))
        let (bandUnits, items) = lock.withLock { (units, self.items) }
        for (i, description) in bandDescriptions.enumerated() {
            let band = try ds.band(i + 1)
            try band.setNoDataValue(noData)
            try band.setBandDescription(description)
            let bandUnit = bandUnits.map { i < $0.count ? $0[i] : unit } ?? unit
            if !bandUnit.isEmpty { try band.setUnitType(bandUnit) }
        }
        try ds.setMetadataItem("UNITS", unit)
        for (name, value) in items.sorted(by: { $0.key < $1.key }) { try ds.setMetadataItem(name, value) }
        if let classTable { try ds.band(1).setClassTable(classTable) }
        try ds.close()
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VerdantError.output(file: output.path, problem: "GDAL's template beside it cannot be read")
        }
        do { return try TIFFDirectory(firstOf: [UInt8](data)) } catch let e as TIFFDirectoryError {
            throw VerdantError.output(file: output.path, problem: "GDAL's template: \(e.description)")
        }
    }

    /// Writes the style (if any) to a temporary file beside its output.
    private func writeStyle() throws {
        guard let (styleOutput, qml) = lock.withLock({ sidecar }) else { return }
        let tmp = styleOutput.temporarySibling(tag: "style")
        lock.withLock { styleTemp = tmp }
        guard FileManager.default.createFile(atPath: tmp, contents: Data(qml.utf8)) else {
            throw VerdantError.output(file: styleOutput.path, problem: "cannot write a temporary file beside it")
        }
    }

    /// Moves the converted COG (and its style) onto the output path.
    public func commit() throws {
        guard lock.withLock({ converted }) else {
            throw VerdantError.internal("COG writer for \(output.path) was not converted")
        }
        do {
            try output.commit(from: cogTemp)
            if let (styleOutput, _) = lock.withLock({ sidecar }), let tmp = lock.withLock({ styleTemp }) {
                lock.withLock { styleTemp = nil }
                try styleOutput.commit(from: tmp)
            }
            lock.withLock { converted = false }
        } catch {
            abandon()
            if let e = error as? VerdantError { throw e }
            throw VerdantError.output(file: output.path, problem: "\(error)")
        }
    }

    /// Drops the spool (and a converted COG not yet committed) without touching the output path.
    public func abandon() {
        let pendingCOG = lock.withLock { () -> Bool in
            try? spool?.close()
            spool = nil
            pending = [:]
            freeTiles = []
            waiting = [:]
            freeQuarters = []
            defer { converted = false }
            return converted
        }
        output.discard(spoolPath)
        // A committed COG belongs to its output (or to the run's publication) now.
        if pendingCOG { output.discard(cogTemp) }
        if let tmp = lock.withLock({ () -> String? in
            defer { styleTemp = nil }
            return styleTemp
        }) {
            lock.withLock { sidecar }?.output.discard(tmp)
        }
    }

    /// `cells` cells of `dataType` holding `value` (0 when the type cannot hold it, such as NaN in integers).
    private static func filled(with value: Double, dataType: DataType, cells: Int) -> [UInt8] {
        func bytes<T>(_ v: T) -> [UInt8] {
            let one = withUnsafeBytes(of: v) { Array($0) }
            var out: [UInt8] = []
            out.reserveCapacity(one.count * cells)
            for _ in 0..<cells { out += one }
            return out
        }
        func integer<T: FixedWidthInteger>(_: T.Type) -> [UInt8] {
            bytes(value.isFinite && value == value.rounded() ? (T(exactly: value) ?? 0) : T(0))
        }
        switch dataType {
        case .byte: return integer(UInt8.self)
        case .uInt16: return integer(UInt16.self)
        case .int16: return integer(Int16.self)
        case .uInt32: return integer(UInt32.self)
        case .int32: return integer(Int32.self)
        case .uInt64: return integer(UInt64.self)
        case .int64: return integer(Int64.self)
        case .float32: return bytes(Float(value))
        default: return bytes(value)
        }
    }
}

/// What one thread needs to finish tiles, reused from tile to tile: a compressor, its output, the predictor's row
/// and the reduced quarter tile.
private final class Workspace {
    let compressor: TileCompressor
    var compressed: [UInt8] = []
    var scratch: [UInt8] = []
    var quarter: [UInt8]

    init(codec: TileCompressor.Codec, tileSize: Int, cellBytes: Int) throws {
        compressor = try TileCompressor(codec)
        quarter = [UInt8](repeating: 0, count: tileSize * tileSize / 4 * cellBytes)
    }
}
