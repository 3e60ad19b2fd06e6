@testable import Verdant
@testable import VerdantCore
import FuzzSupport

/// The fuzzer's entry point: libFuzzer's driver on `fuzzWKB`.
@main enum WKBFuzzer {
    static func main() { FuzzMain.run(fuzzWKB) }
}

/// Fuzzes the WKB reader: any bytes are read without crashing, and what it reads, written again by `WKB`, reads
/// back bit for bit (and is the input itself when that was a whole little-endian MultiPolygon).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWKB(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = WKBReader(bytes: bytes)
    guard let polygons = reader.polygonal() else { return 0 }
    FuzzCheck.require(reader.position <= bytes.count, "read past the end")
    let written = WKBWriter.multiPolygon(polygons)
    var again = WKBReader(bytes: written)
    let reread = again.polygonal()
    FuzzCheck.require(again.atEnd, "the written WKB is not read to its end")
    FuzzCheck.require(reread.map(bitPatterns) == bitPatterns(polygons), "the written WKB reads back differently")
    if reader.atEnd && bytes.count > 4 && bytes[1] == 6 && bytes[2] == 0 && bytes[3] == 0 && bytes[4] == 0 {
        FuzzCheck.require(written == bytes, "a whole MultiPolygon is not written back as it was")
    }
    if polygons.count == 1, reader.atEnd, bytes.count > 4, bytes[1] == 3, bytes[2] == 0, bytes[3] == 0, bytes[4] == 0 {
        FuzzCheck.require(WKBWriter.polygon(polygons[0]) == bytes, "a whole Polygon is not written back as it was")
    }
    return 0
}

/// Coordinates as bit patterns (NaN compares equal to itself).
private func bitPatterns(_ polygons: [[[Double]]]) -> [[[UInt64]]] {
    polygons.map { $0.map { $0.map(\.bitPattern) } }
}
