/// How 2 × 2 cells of one level of a COG become one cell of the next: the mean of the cells that hold a value
/// (floating-point cells: GDAL's AVERAGE, nodata and NaN left out) or the top-left cell (integer cells, such as
/// classes: an overview cell is always one of the classes). The kernel of the COG writer's overviews.
enum OverviewReduction: Sendable {
    /// The mean of the valid Float32 cells.
    case averageFloat32
    /// The mean of the valid Float64 cells.
    case averageFloat64
    /// The top-left cell, of `bytes` bytes.
    case nearest(bytes: Int)

    /// The reduction GDAL's COG driver would use for cells of `bytesPerSample` bytes, floating-point or not.
    init(floatingPoint: Bool, bytesPerSample: Int) {
        switch (floatingPoint, bytesPerSample) {
        case (true, 4): self = .averageFloat32
        case (true, _): self = .averageFloat64
        default: self = .nearest(bytes: bytesPerSample)
        }
    }

    /// Reduces the `width` × `height` cells of `source` (a tile `tileSize` cells wide) into `target`, a tile of
    /// (`tileSize` / 2)² cells: cell (i, j) of the target from cells (2i, 2j) … (2i + 1, 2j + 1) of the source that
    /// lie inside `width` × `height`. `noData` is the nodata value (cells equal to it, and NaN, hold no value).
    func reduce(
        _ source: UnsafeRawBufferPointer, width: Int, height: Int, tileSize: Int,
        into target: UnsafeMutableRawBufferPointer, noData: Double
    ) {
        // Safety: the buffers are checked to hold the tiles once; the loops index inside them.
        let half = tileSize / 2
        let outWidth = (width + 1) / 2, outHeight = (height + 1) / 2
        let bytes: Int
        switch self {
        case .averageFloat32: bytes = 4
        case .averageFloat64: bytes = 8
        case .nearest(let b): bytes = b
        }
        precondition(
            width <= tileSize && height <= tileSize && source.count >= tileSize * tileSize * bytes
                && target.count >= half * half * bytes, "tiles smaller than their cells")
        switch self {
        case .averageFloat32:
            let s = source.assumingMemoryBound(to: Float.self), t = target.assumingMemoryBound(to: Float.self)
            Self.average(s, width, height, tileSize, t, half, outWidth, outHeight, Float(noData))
        case .averageFloat64:
            let s = source.assumingMemoryBound(to: Double.self), t = target.assumingMemoryBound(to: Double.self)
            Self.average(s, width, height, tileSize, t, half, outWidth, outHeight, noData)
        case .nearest(let bytes):
            for j in 0..<outHeight {
                for i in 0..<outWidth {
                    let from = ((2 * j) * tileSize + 2 * i) * bytes, to = (j * half + i) * bytes
                    for b in 0..<bytes { target[to + b] = source[from + b] }
                }
            }
        }
    }

    private static func average<T: BinaryFloatingPoint>(
        _ s: UnsafeBufferPointer<T>, _ width: Int, _ height: Int, _ tileSize: Int, _ t: UnsafeMutableBufferPointer<T>,
        _ half: Int, _ outWidth: Int, _ outHeight: Int, _ noData: T
    ) {
        for j in 0..<outHeight {
            let r0 = 2 * j * tileSize, r1 = 2 * j + 1 < height ? r0 + tileSize : -1
            for i in 0..<outWidth {
                var sum: Double = 0
                var n = 0
                let c1 = 2 * i + 1 < width
                @inline(__always) func take(_ x: T) {
                    if !x.isNaN && x != noData {
                        sum += Double(x)
                        n += 1
                    }
                }
                take(s[r0 + 2 * i])
                if c1 { take(s[r0 + 2 * i + 1]) }
                if r1 >= 0 {
                    take(s[r1 + 2 * i])
                    if c1 { take(s[r1 + 2 * i + 1]) }
                }
                t[j * half + i] = n == 0 ? noData : T(sum / Double(n))
            }
        }
    }
}
