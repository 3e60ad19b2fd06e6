internal import CGDAL

/// Compresses the tiles of a TIFF with the codecs GDAL reads: DEFLATE (a zlib stream, TIFF compression 8, through
/// libdeflate as GDAL's own GeoTIFF driver does) or Zstandard (TIFF compression 50000). One compressor holds one
/// codec context and serves one thread at a time; make one per worker.
public final class TileCompressor {
    /// A codec and its level.
    public enum Codec: Hashable, Sendable {
        /// DEFLATE at a level from 1 (fastest) to 12 (smallest); GDAL's default is 6.
        case deflate(level: Int)
        /// Zstandard at a level from 1 to 22; GDAL's default is 9.
        case zstd(level: Int)

        /// The value of the TIFF Compression tag.
        public var tiffCompression: UInt16 {
            switch self {
            case .deflate: 8
            case .zstd: 50_000
            }
        }
    }

    /// The codec.
    public let codec: Codec
    private let deflater: OpaquePointer?
    private let zstdContext: OpaquePointer?

    /// A compressor for `codec`; throws when the level is out of range or the codec's context cannot be made.
    public init(_ codec: Codec) throws {
        self.codec = codec
        switch codec {
        case .deflate(let level):
            guard (1...12).contains(level) else {
                throw GDALError(context: "DEFLATE level \(level) is not between 1 and 12")
            }
            guard let d = libdeflate_alloc_compressor(Int32(level)) else {
                throw GDALError(context: "libdeflate could not make a compressor at level \(level)")
            }
            deflater = d
            zstdContext = nil
        case .zstd(let level):
            guard (1...22).contains(level) else {
                throw GDALError(context: "Zstandard level \(level) is not between 1 and 22")
            }
            guard let z = ZSTD_createCCtx() else {
                throw GDALError(context: "Zstandard could not make a compression context")
            }
            deflater = nil
            zstdContext = z
        }
    }

    deinit {
        if let deflater { libdeflate_free_compressor(deflater) }
        if let zstdContext { ZSTD_freeCCtx(zstdContext) }
    }

    /// Compresses `bytes` into `output`, which is resized to the compressed bytes (its storage is reused from call
    /// to call).
    public func compress(_ bytes: [UInt8], into output: inout [UInt8]) throws {
        try bytes.withUnsafeBytes { try compress(raw: $0, into: &output) }
    }

    private func compress(raw input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        let bound: Int
        switch codec {
        case .deflate: bound = libdeflate_zlib_compress_bound(deflater, input.count)
        case .zstd: bound = ZSTD_compressBound(input.count)
        }
        if output.count < bound { output.append(contentsOf: repeatElement(0, count: bound - output.count)) }
        let written = try output.withUnsafeMutableBytes { out -> Int in
            switch codec {
            case .deflate:
                let n = libdeflate_zlib_compress(deflater, input.baseAddress, input.count, out.baseAddress, out.count)
                guard n > 0 else {
                    throw GDALError(context: "libdeflate could not compress a tile of \(input.count) bytes")
                }
                return n
            case .zstd(let level):
                let n = ZSTD_compressCCtx(
                    zstdContext, out.baseAddress, out.count, input.baseAddress, input.count, Int32(level))
                if ZSTD_isError(n) != 0 {
                    let why = String(cString: ZSTD_getErrorName(n))
                    throw GDALError(context: "Zstandard could not compress a tile of \(input.count) bytes: \(why)")
                }
                return n
            }
        }
        output.removeLast(output.count - written)
    }
}
