import Foundation
import GDALKit

/// A JSON value, for reports whose keys come from the data (parcel attributes).
public indirect enum JSONValue: Hashable, Sendable, Encodable {
    /// null
    case null
    /// true or false
    case bool(Bool)
    /// a number (non-finite numbers are written as null)
    case number(Double)
    /// an integer
    case integer(Int64)
    /// a string
    case string(String)
    /// an array
    case array([JSONValue])
    /// an object (keys sorted when written)
    case object([String: JSONValue])

    /// Encodes the value.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let d): if d.isFinite { try c.encode(d) } else { try c.encodeNil() }
        case .integer(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// An optional number, null when nil.
    static func number(_ v: Double?) -> JSONValue { v.map { .number($0) } ?? .null }

    /// An attribute value.
    init(_ v: FieldValue) {
        switch v {
        case .null: self = .null
        case .integer(let i): self = .integer(i)
        case .real(let d): self = .number(d)
        case .string(let s): self = .string(s)
        }
    }

    /// Pretty-printed, keys sorted, slashes unescaped.
    public func text() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
