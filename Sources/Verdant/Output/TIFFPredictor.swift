/// The TIFF predictors GDAL applies before compressing a tile, done in place on the tile's bytes (little-endian
/// samples, one band per tile, rows of `width` samples): what libtiff's encoder does, so that GDAL's decoder
/// undoes it.
enum TIFFPredictor: Sendable {
    /// Predictor 2: each sample less its left neighbour, per row, wrapping (integer cells).
    case horizontal
    /// Predictor 3: each row's bytes regrouped by significance (most significant bytes first), then each byte
    /// less its left neighbour, wrapping (floating-point cells).
    case floatingPoint

    /// The value of the TIFF Predictor tag.
    var tiffValue: UInt16 {
        switch self {
        case .horizontal: 2
        case .floatingPoint: 3
        }
    }

    /// Applies the predictor to `rows` rows of `width` samples of `bytesPerSample` bytes; `scratch` holds one row.
    func apply(
        to tile: UnsafeMutableRawBufferPointer, width: Int, rows: Int, bytesPerSample: Int, scratch: inout [UInt8]
    ) {
        let rowBytes = width * bytesPerSample
        precondition(tile.count >= rowBytes * rows, "a tile smaller than its rows")
        switch self {
        case .horizontal:
            for r in 0..<rows {
                let row = UnsafeMutableRawBufferPointer(rebasing: tile[(r * rowBytes)..<((r + 1) * rowBytes)])
                switch bytesPerSample {
                case 1: Self.difference(row, as: UInt8.self, count: width)
                case 2: Self.difference(row, as: UInt16.self, count: width)
                case 4: Self.difference(row, as: UInt32.self, count: width)
                default: Self.difference(row, as: UInt64.self, count: width)
                }
            }
        case .floatingPoint:
            if scratch.count < rowBytes { scratch = [UInt8](repeating: 0, count: rowBytes) }
            scratch.withUnsafeMutableBytes { tmp in
                for r in 0..<rows {
                    let row = tile.baseAddress! + r * rowBytes
                    tmp.baseAddress!.copyMemory(from: row, byteCount: rowBytes)
                    let src = tmp.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    let dst = row.assumingMemoryBound(to: UInt8.self)
                    // In one pass: byte b of sample i (least significant first, as a little-endian machine holds
                    // it) goes to plane bytesPerSample - 1 - b, less the byte before it in the regrouped row.
                    var previous: UInt8 = 0
                    for plane in 0..<bytesPerSample {
                        let b = bytesPerSample - 1 - plane
                        let out = dst + plane * width
                        for i in 0..<width {
                            let x = src[i * bytesPerSample + b]
                            out[i] = x &- previous
                            previous = x
                        }
                    }
                }
            }
        }
    }

    /// Replaces each of `count` samples of `row` by itself less its left neighbour, wrapping (the machine is
    /// little-endian, as TIFF files written "II" are).
    private static func difference<T: FixedWidthInteger & UnsignedInteger>(
        _ row: UnsafeMutableRawBufferPointer, as: T.Type, count: Int
    ) {
        let size = MemoryLayout<T>.size
        var k = count - 1
        while k > 0 {
            let a = row.loadUnaligned(fromByteOffset: k * size, as: T.self)
            let b = row.loadUnaligned(fromByteOffset: (k - 1) * size, as: T.self)
            row.storeBytes(of: a &- b, toByteOffset: k * size, as: T.self)
            k -= 1
        }
    }
}
