import GDALKit

/// How Cloud-Optimized GeoTIFFs are written.
public struct COGOptions: Hashable, Sendable {
    /// The compression codec.
    public enum Compression: String, Hashable, Sendable, CaseIterable {
        /// DEFLATE (zlib): read everywhere.
        case deflate = "DEFLATE"
        /// Zstandard: faster, read by GDAL ≥ 2.3 and QGIS.
        case zstd = "ZSTD"
    }

    /// The codec (default DEFLATE).
    public var compression: Compression
    /// Threads a job works with, kept for callers that set it: the COG writer compresses each tile in the job's
    /// worker that completes it, so the job's own threads are the compression threads.
    public var threads: Int

    /// Options for writing COGs.
    public init(compression: Compression = .deflate, threads: Int = 1) {
        self.compression = compression
        self.threads = threads
    }

    /// The tile edge for a raster of this size: 512, or smaller for small rasters so that they get overviews.
    static func blockSize(width: Int, height: Int) -> Int {
        let edge = max(width, height)
        if edge > 1024 { return 512 }
        if edge > 512 { return 256 }
        return 128
    }

    /// The codec and level of the tiles: for floating-point cells DEFLATE or Zstandard at level 1 (their fastest;
    /// on Verdant's reflectance and index bands, behind the floating-point predictor, within 0.5 % (DEFLATE) and
    /// 2 % (Zstandard) of the size at GDAL's default levels, in a third and a fifth of the time); for integer cells
    /// (classes, counts), which compress far better with effort, GDAL's defaults, DEFLATE 6 and Zstandard 9.
    public func codec(floatingPoint: Bool) -> TileCompressor.Codec {
        switch compression {
        case .deflate: .deflate(level: floatingPoint ? 1 : 6)
        case .zstd: .zstd(level: floatingPoint ? 1 : 9)
        }
    }
}
