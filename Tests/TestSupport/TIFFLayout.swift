import Foundation

/// A minimal reader of a TIFF's image file directories, to check the layout of Cloud-Optimized GeoTIFFs
/// independently of GDAL.
public struct TIFFLayout {
    /// One image (full resolution, overview or mask).
    public struct Image {
        /// Where the IFD starts.
        public var ifdOffset: Int
        /// Width in cells.
        public var width: Int
        /// Height in cells.
        public var height: Int
        /// Tile width, nil for a striped image.
        public var tileWidth: Int?
        /// Offsets of the image's tiles or strips (0 for sparse ones).
        public var dataOffsets: [Int]
        /// Bytes of the image's tiles or strips.
        public var dataSizes: [Int] = []
    }

    /// The file's bytes.
    public var bytes: [UInt8]
    /// True for a BigTIFF.
    public var isBigTIFF: Bool

    /// The images in IFD-chain order.
    public var images: [Image] = []

    /// Parses the file at `path`.
    public init(path: String) throws {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        guard data.count >= 8 else { throw CocoaError(.fileReadCorruptFile) }
        bytes = data
        let little = data[0] == 0x49
        func uint(_ at: Int, _ size: Int) -> Int {
            var v = 0
            for k in 0..<size {
                let byte = Int(data[at + (little ? k : size - 1 - k)])
                v |= byte << (8 * k)
            }
            return v
        }
        let magic = uint(2, 2)
        let big = magic == 43
        isBigTIFF = big
        var offset = big ? uint(8, 8) : uint(4, 4)
        while offset != 0 {
            let count = big ? uint(offset, 8) : uint(offset, 2)
            var image = Image(ifdOffset: offset, width: 0, height: 0, tileWidth: nil, dataOffsets: [])
            let entrySize = big ? 20 : 12
            let first = offset + (big ? 8 : 2)
            for e in 0..<count {
                let at = first + e * entrySize
                let tag = uint(at, 2), type = uint(at + 2, 2)
                let n = big ? uint(at + 4, 8) : uint(at + 4, 4)
                let valueAt = at + (big ? 12 : 8)
                let size = [1: 1, 3: 2, 4: 4, 16: 8][type] ?? 1
                let inline = n * size <= (big ? 8 : 4)
                let base = inline ? valueAt : (big ? uint(valueAt, 8) : uint(valueAt, 4))
                func values() -> [Int] { (0..<n).map { uint(base + $0 * size, size) } }
                switch tag {
                case 256: image.width = values()[0]
                case 257: image.height = values()[0]
                case 322: image.tileWidth = values()[0]
                case 324, 273: image.dataOffsets = values()
                case 325, 279: image.dataSizes = values()
                default: break
                }
            }
            images.append(image)
            let next = first + count * entrySize
            offset = big ? uint(next, 8) : uint(next, 4)
        }
    }

    /// Problems that make the file not a COG: untiled images, IFDs after image data, overviews out of order,
    /// or full-resolution data not last. Empty when the layout is a COG's.
    public var cogProblems: [String] {
        var problems: [String] = []
        guard let main = images.first else { return ["no image"] }
        for (i, image) in images.enumerated() where image.tileWidth == nil {
            problems.append("image \(i) is not tiled")
        }
        let firstData = images.flatMap(\.dataOffsets).filter { $0 > 0 }.min() ?? Int.max
        for (i, image) in images.enumerated() where image.ifdOffset > firstData {
            problems.append("IFD \(i) lies after image data")
        }
        for i in 1..<max(1, images.count) {
            if images[i].width >= images[i - 1].width {
                problems.append("image \(i) is not smaller than image \(i - 1)")
            }
            let thisData = images[i].dataOffsets.filter { $0 > 0 }.min() ?? 0
            let previousData = images[i - 1].dataOffsets.filter { $0 > 0 }.min() ?? 0
            if thisData > previousData { problems.append("data of overview \(i) comes after that of image \(i - 1)") }
        }
        if main.ifdOffset > 16 + 1024 { problems.append("the first IFD is not at the start of the file") }
        return problems
    }

    /// Problems with GDAL's COG block framing: the structural metadata ("ghost area") after the header, each
    /// tile's size in the 4 bytes before it and its last 4 bytes repeated after it. Empty when all are there.
    public var blockFramingProblems: [String] {
        var problems: [String] = []
        let ghostStart = isBigTIFF ? 16 : 8
        let ghost = String(decoding: bytes[ghostStart..<min(bytes.count, ghostStart + 200)], as: UTF8.self)
        for item in [
            "GDAL_STRUCTURAL_METADATA_SIZE=", "LAYOUT=IFDS_BEFORE_DATA", "BLOCK_ORDER=ROW_MAJOR",
            "BLOCK_LEADER=SIZE_AS_UINT4", "BLOCK_TRAILER=LAST_4_BYTES_REPEATED", "KNOWN_INCOMPATIBLE_EDITION=NO"
        ] where !ghost.contains(item) {
            problems.append("the structural metadata lacks \(item)")
        }
        for (i, image) in images.enumerated() {
            guard image.dataSizes.count == image.dataOffsets.count else {
                problems.append("image \(i) has \(image.dataOffsets.count) offsets, \(image.dataSizes.count) sizes")
                continue
            }
            for (k, (offset, size)) in zip(image.dataOffsets, image.dataSizes).enumerated() where offset > 0 {
                let leader = (0..<4).reduce(0) { $0 | Int(bytes[offset - 4 + $1]) << (8 * $1) }
                if leader != size { problems.append("tile \(k) of image \(i): leader \(leader), size \(size)") }
                let end = offset + size
                guard end + 4 <= bytes.count else {
                    problems.append("tile \(k) of image \(i) runs past the end")
                    continue
                }
                if Array(bytes[(end - 4)..<end]) != Array(bytes[end..<(end + 4)]) {
                    problems.append("tile \(k) of image \(i): no trailer")
                }
            }
        }
        return problems
    }
}
