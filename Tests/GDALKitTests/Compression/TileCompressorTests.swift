import GDALKit
import Testing

@Suite struct TileCompressorTests {
    static let tile: [UInt8] = (0..<65_536).map { UInt8(truncatingIfNeeded: ($0 / 64) &* 37) }

    @Test func deflateWritesAZlibStreamAndZstandardAFrame() throws {
        var out: [UInt8] = []
        try TileCompressor(.deflate(level: 6)).compress(Self.tile, into: &out)
        // A zlib stream: CMF 0x78 (deflate, 32 KiB window), FLG making CMF·256 + FLG a multiple of 31.
        #expect(out[0] == 0x78 && (Int(out[0]) * 256 + Int(out[1])) % 31 == 0)
        #expect(out.count < Self.tile.count / 20, "a repetitive tile compresses")
        try TileCompressor(.zstd(level: 9)).compress(Self.tile, into: &out)
        #expect(Array(out.prefix(4)) == [0x28, 0xB5, 0x2F, 0xFD], "the Zstandard frame magic")
        #expect(TileCompressor.Codec.deflate(level: 1).tiffCompression == 8)
        #expect(TileCompressor.Codec.zstd(level: 1).tiffCompression == 50_000)
    }

    @Test func aCompressorReusedGivesTheSameBytes() throws {
        let c = try TileCompressor(.deflate(level: 1))
        var first: [UInt8] = [], second: [UInt8] = []
        try c.compress(Self.tile, into: &first)
        try c.compress([UInt8](repeating: 9, count: 1000), into: &second)
        try c.compress(Self.tile, into: &second)
        #expect(first == second)
    }

    @Test func levelsOutOfRangeAreRefused() {
        #expect(throws: GDALError.self) { try TileCompressor(.deflate(level: 0)) }
        #expect(throws: GDALError.self) { try TileCompressor(.deflate(level: 13)) }
        #expect(throws: GDALError.self) { try TileCompressor(.zstd(level: 23)) }
    }
}
