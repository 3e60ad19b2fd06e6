import Foundation

/// The bytes of a Cloud-Optimized GeoTIFF as GDAL's COG driver lays them out: the header, GDAL's structural
/// metadata ("ghost area"), the directories of the full-resolution image and of each overview (largest first),
/// then the tiles, smallest overview first and the full-resolution image last, each level band by band and row by
/// row, each tile preceded by its size (4 bytes) and followed by a repeat of its last 4 bytes.
enum COGLayout {
    /// Where a tile's record (size, compressed bytes, last 4 bytes) lies in the spool, and its compressed size.
    struct Record: Hashable, Sendable {
        var offset: UInt64
        var size: Int
    }

    /// GDAL's structural metadata, as its COG driver writes it after the header.
    static let ghost: [UInt8] = {
        let body =
            "LAYOUT=IFDS_BEFORE_DATA\nBLOCK_ORDER=ROW_MAJOR\nBLOCK_LEADER=SIZE_AS_UINT4\n"
            + "BLOCK_TRAILER=LAST_4_BYTES_REPEATED\nKNOWN_INCOMPATIBLE_EDITION=NO\n "
        let size = String(body.utf8.count)
        let head =
            "GDAL_STRUCTURAL_METADATA_SIZE=\(String(repeating: "0", count: max(0, 6 - size.count)) + size) bytes\n"
        return Array((head + body).utf8)
    }()

    /// Writes the COG to `path` (a new file): the directories from `template` (GDAL's tags for this raster), the
    /// tiles of `pyramid` from `spool` where `records` says they are. A BigTIFF when a classic TIFF cannot hold
    /// the offsets (or `alwaysBigTIFF`).
    static func write(
        to path: String, template: TIFFDirectory, pyramid: COGPyramid, records: [COGPyramid.Tile: Record],
        spool: FileHandle, alwaysBigTIFF: Bool = false
    ) throws {
        // Each level's directory, and its tiles in file order (band-major, then row-major).
        var directories: [TIFFDirectory] = []
        var order: [[COGPyramid.Tile]] = []
        for level in 0..<pyramid.levels {
            var d = template
            d.remove(TIFFDirectory.Tag.tileOffsets)
            d.remove(TIFFDirectory.Tag.tileByteCounts)
            if level > 0 {
                for tag in TIFFDirectory.Tag.mainImageOnly { d.remove(tag) }
                d.set(TIFFDirectory.Tag.newSubfileType, type: TIFFDirectory.FieldType.long, values: [1])
                d.set(
                    TIFFDirectory.Tag.imageWidth, type: TIFFDirectory.FieldType.long,
                    values: [UInt64(pyramid.widths[level])])
                d.set(
                    TIFFDirectory.Tag.imageLength, type: TIFFDirectory.FieldType.long,
                    values: [UInt64(pyramid.heights[level])])
            }
            directories.append(d)
            let g = pyramid.grid(level)
            var tiles: [COGPyramid.Tile] = []
            tiles.reserveCapacity(g.columns * g.rows * pyramid.bands)
            for band in 0..<pyramid.bands {
                for row in 0..<g.rows {
                    for column in 0..<g.columns {
                        tiles.append(COGPyramid.Tile(level: level, band: band, column: column, row: row))
                    }
                }
            }
            order.append(tiles)
        }
        var sizes: [[Int]] = []
        for tiles in order {
            sizes.append(
                try tiles.map {
                    guard let r = records[$0] else {
                        throw TIFFDirectoryError("tile \($0) of the pyramid was never written")
                    }
                    return r.size
                })
        }
        let dataBytes = sizes.joined().reduce(UInt64(0)) { $0 + UInt64($1 + 8) }

        func layout(bigTIFF: Bool) -> (directories: [[UInt8]], dataStart: UInt64) {
            let headerSize = bigTIFF ? 16 : 8
            var at = UInt64(headerSize + ghost.count)
            if at % 2 == 1 { at += 1 }
            // The directories' sizes do not depend on the offsets they hold: place them, then fill them in.
            var starts: [UInt64] = []
            for (level, d) in directories.enumerated() {
                starts.append(at)
                let offsets = d.withTiles(
                    offsets: [UInt64](repeating: 0, count: sizes[level].count), sizes: sizes[level], bigTIFF: bigTIFF)
                at += UInt64(offsets.encoded(at: at, bigTIFF: bigTIFF, next: 0).count)
                if at % 2 == 1 { at += 1 }
            }
            let dataStart = at
            // Tile data: the last level first.
            var tileOffsets = [[UInt64]](repeating: [], count: directories.count)
            var position = dataStart
            for level in (0..<directories.count).reversed() {
                tileOffsets[level] = sizes[level].map { size in
                    defer { position += UInt64(size + 8) }
                    return position + 4
                }
            }
            var encoded: [[UInt8]] = []
            for (level, d) in directories.enumerated() {
                let next = level + 1 < starts.count ? starts[level + 1] : 0
                var bytes = d.withTiles(offsets: tileOffsets[level], sizes: sizes[level], bigTIFF: bigTIFF)
                    .encoded(at: starts[level], bigTIFF: bigTIFF, next: next)
                let end = starts[level] + UInt64(bytes.count)
                let target = level + 1 < starts.count ? starts[level + 1] : dataStart
                bytes += [UInt8](repeating: 0, count: Int(target - end))
                encoded.append(bytes)
            }
            return (encoded, dataStart)
        }
        var plan = layout(bigTIFF: false)
        let bigTIFF = alwaysBigTIFF || plan.dataStart + dataBytes > UInt64(UInt32.max)
        if bigTIFF { plan = layout(bigTIFF: true) }

        var head: [UInt8] = bigTIFF ? [0x49, 0x49, 43, 0, 8, 0, 0, 0] : [0x49, 0x49, 42, 0]
        let first = UInt64(head.count + (bigTIFF ? 8 : 4) + ghost.count)
        let firstIFD = first % 2 == 1 ? first + 1 : first
        for b in 0..<(bigTIFF ? 8 : 4) { head.append(UInt8(truncatingIfNeeded: firstIFD >> (8 * UInt64(b)))) }
        head += ghost
        if head.count % 2 == 1 { head.append(0) }

        guard FileManager.default.createFile(atPath: path, contents: nil),
            let out = FileHandle(forWritingAtPath: path)
        else { throw TIFFDirectoryError("cannot create \(path)") }
        defer { try? out.close() }
        var buffer = Data(head)
        for d in plan.directories { buffer.append(contentsOf: d) }
        let flushAt = 8 << 20
        for level in (0..<order.count).reversed() {
            for (k, tile) in order[level].enumerated() {
                let record = records[tile]!
                try spool.seek(toOffset: record.offset)
                guard let bytes = try spool.read(upToCount: sizes[level][k] + 8), bytes.count == sizes[level][k] + 8
                else { throw TIFFDirectoryError("the tile spool is truncated") }
                buffer.append(bytes)
                if buffer.count >= flushAt {
                    try out.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        try out.write(contentsOf: buffer)
    }
}

extension TIFFDirectory {
    /// The directory with its TileOffsets and TileByteCounts set.
    fileprivate func withTiles(offsets: [UInt64], sizes: [Int], bigTIFF: Bool) -> TIFFDirectory {
        var d = self
        d.set(
            Tag.tileOffsets, type: bigTIFF ? FieldType.long8 : FieldType.long, values: offsets)
        d.set(Tag.tileByteCounts, type: FieldType.long, values: sizes.map { UInt64($0) })
        return d
    }
}
