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
    /// Worker threads for compression.
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

    /// GDAL COG driver creation options for cells of `dataType`: floating-point cells get the floating-point
    /// predictor and averaged overviews; integer cells (classes, such as green cover) the horizontal predictor and
    /// nearest-neighbour overviews, so that an overview cell is one of the classes.
    func creationOptions(width: Int, height: Int, dataType: DataType = .float32) -> [String] {
        let float = dataType.isFloatingPoint
        return [
            "COMPRESS=\(compression.rawValue)",
            float ? "PREDICTOR=FLOATING_POINT" : "PREDICTOR=STANDARD",
            "BLOCKSIZE=\(COGOptions.blockSize(width: width, height: height))",
            "OVERVIEWS=IGNORE_EXISTING",
            float ? "OVERVIEW_RESAMPLING=AVERAGE" : "OVERVIEW_RESAMPLING=NEAREST",
            "NUM_THREADS=\(max(1, threads))",
            "BIGTIFF=IF_SAFER"
        ]
    }
}
