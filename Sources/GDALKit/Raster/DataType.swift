internal import CGDAL

/// A raster cell type, as GDAL names it (Byte … Float64).
public enum DataType: String, Hashable, Sendable, CaseIterable {
    case byte = "Byte"
    case uInt16 = "UInt16"
    case int16 = "Int16"
    case uInt32 = "UInt32"
    case int32 = "Int32"
    case uInt64 = "UInt64"
    case int64 = "Int64"
    case float32 = "Float32"
    case float64 = "Float64"
    case cInt16 = "CInt16"
    case cInt32 = "CInt32"
    case cFloat32 = "CFloat32"
    case cFloat64 = "CFloat64"
    case unknown = "Unknown"

    init(_ gdal: GDALDataType) {
        switch gdal {
        case GDT_Byte: self = .byte
        case GDT_UInt16: self = .uInt16
        case GDT_Int16: self = .int16
        case GDT_UInt32: self = .uInt32
        case GDT_Int32: self = .int32
        case GDT_UInt64: self = .uInt64
        case GDT_Int64: self = .int64
        case GDT_Float32: self = .float32
        case GDT_Float64: self = .float64
        case GDT_CInt16: self = .cInt16
        case GDT_CInt32: self = .cInt32
        case GDT_CFloat32: self = .cFloat32
        case GDT_CFloat64: self = .cFloat64
        default: self = .unknown
        }
    }

    var gdal: GDALDataType {
        switch self {
        case .byte: GDT_Byte
        case .uInt16: GDT_UInt16
        case .int16: GDT_Int16
        case .uInt32: GDT_UInt32
        case .int32: GDT_Int32
        case .uInt64: GDT_UInt64
        case .int64: GDT_Int64
        case .float32: GDT_Float32
        case .float64: GDT_Float64
        case .cInt16: GDT_CInt16
        case .cInt32: GDT_CInt32
        case .cFloat32: GDT_CFloat32
        case .cFloat64: GDT_CFloat64
        case .unknown: GDT_Unknown
        }
    }

    /// True for complex types, which carry two values per cell.
    public var isComplex: Bool {
        switch self {
        case .cInt16, .cInt32, .cFloat32, .cFloat64: true
        default: false
        }
    }

    /// True for Float32 and Float64.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// Bytes per cell.
    public var byteSize: Int { Int(GDALGetDataTypeSizeBytes(gdal)) }

    /// `value` as it would be stored in a cell of this type (rounded, clamped), as GDAL does it.
    public func adjusted(_ value: Double) -> (value: Double, exact: Bool) {
        var clamped: Int32 = 0
        var rounded: Int32 = 0
        let v = GDALAdjustValueToDataType(gdal, value, &clamped, &rounded)
        return (v, clamped == 0 && rounded == 0)
    }
}

/// A Swift number type that GDAL can read into and write from directly.
public protocol RasterElement: Sendable {
    /// The GDAL cell type with the same memory layout.
    static var dataType: DataType { get }
}

extension UInt8: RasterElement { public static var dataType: DataType { .byte } }
extension UInt16: RasterElement { public static var dataType: DataType { .uInt16 } }
extension Int16: RasterElement { public static var dataType: DataType { .int16 } }
extension UInt32: RasterElement { public static var dataType: DataType { .uInt32 } }
extension Int32: RasterElement { public static var dataType: DataType { .int32 } }
extension UInt64: RasterElement { public static var dataType: DataType { .uInt64 } }
extension Int64: RasterElement { public static var dataType: DataType { .int64 } }
extension Float: RasterElement { public static var dataType: DataType { .float32 } }
extension Double: RasterElement { public static var dataType: DataType { .float64 } }
