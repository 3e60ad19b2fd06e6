/// The conversion loop: one band's stored cells of a tile (in the file's own cell type) to reflectance or classes,
/// as Doubles in the reader's values.
///
/// Safety contract: the loop reads `samples[c.base + i]` (and `samples[c.alphaBase + i]`, `mask[i]`) and writes
/// `values[offset + i]` for the cells `i` of `runs` without bounds checks. Before the pointers are taken it checks,
/// once per call, that every run lies within `0..<count`, that the band's (and its alpha band's) `count` cells lie
/// within the samples, that `values` holds `offset + count` cells and `mask`, when given, `count`. The pointers
/// never leave this file.
extension RawSamples {
    /// Converts the cells in `runs` of one band into `values[offset + i]`: NaN where nodata, NaN, alpha 0 or (with
    /// `mask`) mask 0, else `(v × gdalScale + gdalOffset) × scale + offset`. Other cells are left as they are.
    func convert(
        _ c: Conversion, runs: [Range<Int>], count: Int, mask: [UInt8]?, into values: inout [Double], at offset: Int
    ) {
        switch self {
        case .byte(let a): Self.convert(a, c, runs, count, mask, &values, offset)
        case .uInt16(let a): Self.convert(a, c, runs, count, mask, &values, offset)
        case .int16(let a): Self.convert(a, c, runs, count, mask, &values, offset)
        case .uInt32(let a): Self.convert(a, c, runs, count, mask, &values, offset)
        case .int32(let a): Self.convert(a, c, runs, count, mask, &values, offset)
        case .float32(let a): Self.convert(a, c, runs, count, mask, &values, offset)
        case .float64(let a): Self.convert(a, c, runs, count, mask, &values, offset)
        }
    }

    private static func convert<T: RawSample>(
        _ a: [T], _ c: Conversion, _ runs: [Range<Int>], _ n: Int, _ mask: [UInt8]?,
        _ values: inout [Double], _ offset: Int
    ) {
        precondition(runs.lie(within: n), "cell runs outside the tile")
        precondition(
            c.base >= 0 && c.base + n <= a.count && (c.alphaBase.map { $0 >= 0 && $0 + n <= a.count } ?? true),
            "band outside the tile's samples")
        precondition(
            offset >= 0 && offset + n <= values.count && (mask.map { $0.count >= n } ?? true), "tile buffers too short")
        values.withUnsafeMutableBufferPointer { all in
            let out = UnsafeMutableBufferPointer(rebasing: all[offset..<(offset + n)])
            a.withUnsafeBufferPointer { src in
                for run in runs {
                    for i in run { out[i] = c.value(src[c.base + i].asDouble) }
                }
                if let alphaBase = c.alphaBase {
                    for run in runs { for i in run where src[alphaBase + i].asDouble == 0 { out[i] = .nan } }
                }
            }
            if let mask {
                mask.withUnsafeBufferPointer { m in
                    for run in runs { for i in run where m[i] == 0 { out[i] = .nan } }
                }
            }
        }
    }
}
