import GDALKit

/// One tile of every input file as GDAL decoded it, in each file's own cell type (before nodata, scale and
/// offset): what a reader needs to turn the tile into reflectance. Decoded ahead by `TilePrefetch`, or in place by
/// a `TileReader`.
public struct RawTile: Sendable {
    /// The tile.
    public var window: Window
    /// The cells of each file's bands in the reader's order, band-sequential.
    var samples: [RawSamples]
    /// Each band slot's GDAL mask for the tile (0: masked), empty for bands without an explicit mask.
    var masks: [[UInt8]]

    /// Memory held, in bytes.
    public var byteCount: Int { samples.reduce(0) { $0 + $1.byteCount } + masks.reduce(0) { $0 + $1.count } }
}

/// A cell value in a raster's own type, as a Double (exact for every type read natively).
protocol RawSample: RasterElement {
    /// The value as a Double.
    var asDouble: Double { get }
}

extension UInt8: RawSample { var asDouble: Double { Double(self) } }
extension UInt16: RawSample { var asDouble: Double { Double(self) } }
extension Int16: RawSample { var asDouble: Double { Double(self) } }
extension UInt32: RawSample { var asDouble: Double { Double(self) } }
extension Int32: RawSample { var asDouble: Double { Double(self) } }
extension Float: RawSample { var asDouble: Double { Double(self) } }
extension Double: RawSample { var asDouble: Double { self } }

/// The cells of one file's bands for a tile, in the file's cell type when all its bands share one that converts
/// to Double exactly, else as Double (converted by GDAL).
enum RawSamples: Sendable {
    case byte([UInt8])
    case uInt16([UInt16])
    case int16([Int16])
    case uInt32([UInt32])
    case int32([Int32])
    case float32([Float])
    case float64([Double])

    /// Empty storage for cells of `type` (Double for types without an exact native path).
    init(for type: DataType) {
        switch type {
        case .byte: self = .byte([])
        case .uInt16: self = .uInt16([])
        case .int16: self = .int16([])
        case .uInt32: self = .uInt32([])
        case .int32: self = .int32([])
        case .float32: self = .float32([])
        default: self = .float64([])
        }
    }

    /// Bytes held.
    var byteCount: Int {
        switch self {
        case .byte(let a): a.count
        case .uInt16(let a): a.count * 2
        case .int16(let a): a.count * 2
        case .uInt32(let a): a.count * 4
        case .int32(let a): a.count * 4
        case .float32(let a): a.count * 4
        case .float64(let a): a.count * 8
        }
    }

    /// Reads `bands` of `window` from `dataset` in one request, reusing the storage when it is large enough.
    mutating func read(_ dataset: Dataset, window: Window, bands: [Int]) throws {
        func fill<T: RawSample>(_ a: inout [T]) throws { try dataset.read(window: window, bands: bands, into: &a) }
        // The storage is taken out of the enum while it is filled, so that it is not copied.
        switch self {
        case .byte(var a): self = .byte([]); try fill(&a); self = .byte(a)
        case .uInt16(var a): self = .uInt16([]); try fill(&a); self = .uInt16(a)
        case .int16(var a): self = .int16([]); try fill(&a); self = .int16(a)
        case .uInt32(var a): self = .uInt32([]); try fill(&a); self = .uInt32(a)
        case .int32(var a): self = .int32([]); try fill(&a); self = .int32(a)
        case .float32(var a): self = .float32([]); try fill(&a); self = .float32(a)
        case .float64(var a): self = .float64([]); try fill(&a); self = .float64(a)
        }
    }

    /// How to turn one band's stored values into reflectance (or classes).
    struct Conversion {
        /// Offset of the band's cells in the samples.
        var base: Int
        /// Offset of the alpha band's cells, or nil.
        var alphaBase: Int?
        /// Stored nodata value (NaN: none).
        var noData: Double
        /// GDAL's scale and offset, then the user's.
        var gdalScale: Double, gdalOffset: Double, scale: Double, offset: Double

        /// The value of a stored cell: NaN where nodata or NaN, else `(v × gdalScale + gdalOffset) × scale + offset`.
        @inline(__always)
        func value(_ v: Double) -> Double {
            (v == noData || v.isNaN) ? .nan : (v * gdalScale + gdalOffset) * scale + offset
        }
    }
}
