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

    /// Pretty-printed (two-space indents, `"key" : value`), keys sorted, slashes unescaped; whole numbers below
    /// 1e15 without a fraction, other numbers with every digit needed to read them back exactly.
    public func text() throws -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        func newline(_ level: Int) {
            out += "\n"
            out += String(repeating: " ", count: 2 * level)
        }
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d):
            if !d.isFinite {
                out += "null"
            } else if d == d.rounded() && abs(d) < 1e15 {
                out += String(Int64(d))
            } else {
                out += d.description
            }
        case .string(let text): Self.appendString(text, to: &out)
        case .array(let values):
            guard !values.isEmpty else { out += "[]"; return }
            out += "["
            for (k, v) in values.enumerated() {
                if k > 0 { out += "," }
                newline(indent + 1)
                v.write(to: &out, indent: indent + 1)
            }
            newline(indent)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (k, key) in members.keys.sorted().enumerated() {
                if k > 0 { out += "," }
                newline(indent + 1)
                Self.appendString(key, to: &out)
                out += " : "
                members[key]!.write(to: &out, indent: indent + 1)
            }
            newline(indent)
            out += "}"
        }
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, the rest as it is.
    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += text
            out += "\""
            return
        }
        for u in text.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 {
                    out += u.value < 0x10 ? "\\u000" : "\\u00"
                    out += String(u.value, radix: 16)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
