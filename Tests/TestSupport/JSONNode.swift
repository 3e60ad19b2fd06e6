import Foundation

/// A parsed JSON value for tests that look at a document's shape (booleans kept apart from numbers, object keys as
/// written).
public indirect enum JSONNode: Hashable, Sendable, Decodable {
    /// null
    case null
    /// true or false
    case bool(Bool)
    /// a number
    case number(Double)
    /// a string
    case string(String)
    /// an array
    case array([JSONNode])
    /// an object
    case object([String: JSONNode])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONNode].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONNode].self))
        }
    }

    /// Parses JSON text.
    public init(data: Data) throws { self = try JSONDecoder().decode(JSONNode.self, from: data) }

    /// Parses JSON text.
    public init(text: String) throws { try self.init(data: Data(text.utf8)) }

    /// Reads a JSON file.
    public init(file path: String) throws { try self.init(data: try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// The member `key` of an object, nil otherwise.
    public subscript(key: String) -> JSONNode? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The members of an object, nil otherwise.
    public var members: [String: JSONNode]? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The elements of an array, nil otherwise.
    public var elements: [JSONNode]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The text of a string, nil otherwise.
    public var text: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value of a number, nil otherwise.
    public var number: Double? {
        if case .number(let d) = self { return d }
        return nil
    }

    /// The object without `key` (unchanged when it is not an object).
    public func removing(_ key: String) -> JSONNode {
        guard case .object(var o) = self else { return self }
        o[key] = nil
        return .object(o)
    }

    /// The object with `key` set to `value` (unchanged when it is not an object).
    public func setting(_ key: String, to value: JSONNode) -> JSONNode {
        guard case .object(var o) = self else { return self }
        o[key] = value
        return .object(o)
    }
}
