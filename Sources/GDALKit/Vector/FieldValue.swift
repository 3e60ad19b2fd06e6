/// The value of one attribute of a feature.
public enum FieldValue: Hashable, Sendable, CustomStringConvertible {
    /// No value (unset or NULL).
    case null
    /// An integer (OFTInteger, OFTInteger64).
    case integer(Int64)
    /// A real number (OFTReal).
    case real(Double)
    /// Text, and any other type as GDAL writes it as text (dates, lists).
    case string(String)

    /// The value as text; empty for null.
    public var description: String {
        switch self {
        case .null: ""
        case .integer(let v): "\(v)"
        case .real(let v): "\(v)"
        case .string(let s): s
        }
    }
}

/// The type of an attribute column.
public enum FieldType: String, Hashable, Sendable {
    /// 64-bit integers.
    case integer
    /// Double-precision reals.
    case real
    /// Text (and anything else, kept as GDAL's text form).
    case string
}

/// The name and type of an attribute column.
public struct FieldDefinition: Hashable, Sendable {
    /// Column name.
    public var name: String
    /// Column type.
    public var type: FieldType

    /// A column definition.
    public init(name: String, type: FieldType) {
        self.name = name
        self.type = type
    }
}
