internal import CGDAL

/// What GDAL's mask of a band is made from (GDALGetMaskFlags).
public struct MaskFlags: OptionSet, Hashable, Sendable {
    /// The raw GMF_* bits.
    public let rawValue: Int32
    /// Makes flags from GMF_* bits.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Every cell is valid (no nodata, no mask).
    public static let allValid = MaskFlags(rawValue: Int32(GMF_ALL_VALID))
    /// One mask for all bands of the dataset.
    public static let perDataset = MaskFlags(rawValue: Int32(GMF_PER_DATASET))
    /// The mask is an alpha band.
    public static let alpha = MaskFlags(rawValue: Int32(GMF_ALPHA))
    /// The mask comes from the nodata value.
    public static let noData = MaskFlags(rawValue: Int32(GMF_NODATA))

    /// True when the mask is more than the band's own nodata value (an alpha band or a mask band / .msk).
    public var isExplicitMask: Bool { !contains(.allValid) && !contains(.noData) }
}

extension RasterBand {
    /// How GDAL masks this band.
    public var maskFlags: MaskFlags { MaskFlags(rawValue: GDALGetMaskFlags(handle)) }

    /// Reads GDAL's mask of this band over `window` into the first `window.cellCount` values of `mask` (grown to
    /// that size when shorter): 0 = invalid, anything else (255) = valid.
    public func readMask(window: Window, into mask: inout [UInt8]) throws {
        let n = window.cellCount
        if mask.count < n { mask = [UInt8](repeating: 0, count: n) }
        try mask.withUnsafeMutableBufferPointer {
            try readMask(window: window, into: UnsafeMutableBufferPointer(rebasing: $0[0..<n]))
        }
    }

    /// Reads GDAL's mask of this band over `window`: 0 = invalid, anything else (255) = valid.
    func readMask(window: Window, into buffer: UnsafeMutableBufferPointer<UInt8>) throws {
        guard buffer.count >= window.cellCount, window.fits(width: dataset.width, height: dataset.height) else {
            throw GDALError(context: "reading the mask of band \(index) of '\(dataset.path)': bad window \(window)")
        }
        let mask = try GDALCall.handle("getting the mask of band \(index) of '\(dataset.path)'") {
            GDALGetMaskBand(handle)
        }
        try GDALCall.check("reading the mask of band \(index) of '\(dataset.path)' at \(window)") {
            GDALRasterIO(
                mask, GF_Read, Int32(window.columnOffset), Int32(window.rowOffset), Int32(window.width),
                Int32(window.height), buffer.baseAddress, Int32(window.width), Int32(window.height), GDT_Byte, 0, 0)
        }
    }
}
