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

/// A refinement of a column's type that formats with one keep (OGR's field subtypes).
public enum FieldSubtype: String, Hashable, Sendable {
    /// None: the type as it is.
    case none
    /// An integer column holding 0/1 as false/true (GeoPackage BOOLEAN, GeoJSON true/false, CSV `Integer(Boolean)`).
    case boolean
}

/// The name and type of an attribute column.
public struct FieldDefinition: Hashable, Sendable {
    /// Column name.
    public var name: String
    /// Column type.
    public var type: FieldType
    /// Column subtype (`.boolean` for integer columns of yes/no values).
    public var subtype: FieldSubtype

    /// A column definition.
    public init(name: String, type: FieldType, subtype: FieldSubtype = .none) {
        self.name = name
        self.type = type
        self.subtype = subtype
    }

    /// A column of yes/no values (an integer column with the boolean subtype).
    public static func boolean(_ name: String) -> FieldDefinition {
        FieldDefinition(name: name, type: .integer, subtype: .boolean)
    }
}
