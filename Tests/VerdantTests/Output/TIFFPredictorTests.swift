import Testing

@testable import Verdant

@Suite struct TIFFPredictorTests {
    @Test func floatingPointRegroupsBytesBySignificanceThenDifferences() {
        // Two Float32 samples 1.0 (0x3F800000) and -2.0 (0xC0000000), little-endian in memory.
        var tile: [UInt8] = [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]
        var scratch: [UInt8] = []
        tile.withUnsafeMutableBytes {
            TIFFPredictor.floatingPoint.apply(to: $0, width: 2, rows: 1, bytesPerSample: 4, scratch: &scratch)
        }
        // Planes, most significant first: 3F C0 | 80 00 | 00 00 | 00 00; then each byte less its left neighbour.
        #expect(tile == [0x3F, 0x81, 0xC0, 0x80, 0x00, 0x00, 0x00, 0x00])
    }

    @Test func horizontalDifferencesSamplesPerRowWrapping() {
        // Two rows of three UInt16: 5, 3, 65535 and 1, 1, 2.
        var tile: [UInt8] = [5, 0, 3, 0, 0xFF, 0xFF, 1, 0, 1, 0, 2, 0]
        var scratch: [UInt8] = []
        tile.withUnsafeMutableBytes {
            TIFFPredictor.horizontal.apply(to: $0, width: 3, rows: 2, bytesPerSample: 2, scratch: &scratch)
        }
        // 5, 3 − 5 = 65534, 65535 − 3 = 65532; 1, 0, 1.
        #expect(tile == [5, 0, 0xFE, 0xFF, 0xFC, 0xFF, 1, 0, 0, 0, 1, 0])
    }
}
