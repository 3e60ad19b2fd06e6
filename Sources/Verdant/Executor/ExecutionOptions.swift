import Foundation

/// How a run uses the machine: worker threads, tile size and GDAL's block cache.
public struct ExecutionOptions: Hashable, Sendable {
    /// Called after each tile with (tiles done, tiles in all), from worker threads.
    public var progress: ProgressSink?
    /// Called as parcels are prepared (read, repaired, reprojected) with (parcels done, parcels in all).
    public var parcelProgress: ProgressSink?
    /// Worker threads (≥ 1); default: the number of cores.
    public var threads: Int
    /// Requested tile edge in cells, rounded up to a multiple of the raster's blocks; nil: about 512.
    public var tileSize: Int?
    /// Bytes of GDAL block cache for the run.
    public var gdalCacheBytes: Int
    /// Bytes of decoded tiles an estimate may read ahead while it prepares its parcels (0: none).
    public var readAheadBytes: Int
    /// The most memory a run's parcels may take, in bytes (see `MemoryBudget`); nil: the memory the machine has
    /// available when the run starts.
    public var maxMemoryBytes: Int?
    /// The most cells an analysis grid may have (`RunLimits.defaultMaxCells` unless raised; `--max-cells`).
    public var maxCells: Int = RunLimits.defaultMaxCells
    /// The most memory a run may plan to hold at once (default: half of the machine's physical memory).
    public var memoryLimitBytes: Int = RunLimits.defaultMemoryBytes

    /// The largest `tileSize` accepted: 65 536 cells a side (tiles are buffered whole by every worker).
    public static let maximumTileSize = 1 << 16
    /// Bounds on the parcels' vertices (per parcel, in all, for repair), checked before the work is done.
    public var vertexLimits = VertexLimits()

    /// Options; defaults use every core, 512-cell tiles and 32 MiB of GDAL block cache (each tile is read once in
    /// one request per file, so a larger cache only holds memory and costs page faults: 96 MiB was 5 % slower on a
    /// whole Sentinel-2 scene).
    /// Up to 96 MiB of decoded tiles are read ahead while the parcels are prepared.
    public init(
        threads: Int? = nil, tileSize: Int? = nil, gdalCacheBytes: Int = 32 << 20, readAheadBytes: Int = 96 << 20
    ) {
        self.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        self.tileSize = tileSize
        self.gdalCacheBytes = gdalCacheBytes
        self.readAheadBytes = readAheadBytes
    }

    /// Equality of the settings (not the progress sink).
    public static func == (a: ExecutionOptions, b: ExecutionOptions) -> Bool {
        a.threads == b.threads && a.tileSize == b.tileSize && a.gdalCacheBytes == b.gdalCacheBytes
            && a.readAheadBytes == b.readAheadBytes && a.maxCells == b.maxCells
            && a.memoryLimitBytes == b.memoryLimitBytes
            && a.vertexLimits == b.vertexLimits
    }

    /// Hashes the settings.
    public func hash(into h: inout Hasher) {
        h.combine(threads); h.combine(tileSize); h.combine(gdalCacheBytes); h.combine(readAheadBytes)
        h.combine(maxCells); h.combine(memoryLimitBytes); h.combine(vertexLimits)
    }

    /// The memory budget of a run's parcels: `maxMemoryBytes`, or what the machine has available less the
    /// `tiles` bytes the tiles take (`RunLimits.plannedBytes`, the same plan `RunLimits.check` holds to the memory
    /// limit), and at least 1 MiB.
    func memoryBudget(reserving tiles: Int) -> MemoryBudget {
        if let maxMemoryBytes { return MemoryBudget(limit: max(maxMemoryBytes, 1 << 20)) }
        let (left, overflow) = MemoryBudget.available.subtractingReportingOverflow(tiles)
        return MemoryBudget(limit: overflow ? 1 << 20 : max(left, 1 << 20))
    }

    /// Throws for options that cannot work.
    public func validate() throws {
        guard threads >= 1 else {
            throw VerdantError.invalidParameter(.threads, problem: "must be at least 1 (got \(threads))")
        }
        if let t = tileSize, !(1...Self.maximumTileSize).contains(t) {
            throw VerdantError.invalidParameter(
                .tileSize, problem: "must be between 1 and \(Self.maximumTileSize) cells (got \(t))")
        }
        guard gdalCacheBytes >= 0, readAheadBytes >= 0 else {
            throw VerdantError.usage("cache and read-ahead sizes cannot be negative")
        }
        if let m = maxMemoryBytes, m < 1 {
            throw VerdantError.invalidParameter(.maxMemory, problem: "must be positive (got \(m) bytes)")
        }
        guard maxCells >= 1 else {
            throw VerdantError.invalidParameter(.maxCells, problem: "must be at least 1 (got \(maxCells))")
        }
        guard memoryLimitBytes >= 1 else {
            throw VerdantError.usage("the memory limit must be positive (got \(memoryLimitBytes) bytes)")
        }
        try vertexLimits.validate()
    }
}

/// Receives progress reports: tiles done and tiles in all.
public struct ProgressSink: Sendable {
    /// The function called.
    public let report: @Sendable (_ done: Int, _ total: Int) -> Void

    /// A sink calling `report`.
    public init(_ report: @escaping @Sendable (_ done: Int, _ total: Int) -> Void) { self.report = report }
}
