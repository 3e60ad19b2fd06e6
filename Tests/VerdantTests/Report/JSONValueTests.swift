import Foundation
import Testing
@testable import Verdant
@testable import VerdantCore

/// The JSON writer gives the same values as Foundation's JSONEncoder, keys sorted, every number read back exactly.
@Suite struct JSONValueTests {
    static let sample: JSONValue = .object([
        "text": .string("quote \" backslash \\ slash / line\nbreak\ttab \u{1} été 🌳"),
        "numbers": .array([
            .number(0.1), .number(1e-7), .number(123_456_789.123), .number(-0.0), .number(5), .number(1e20),
            .number(-2.5e-300), .number(.nan), .number(.infinity), .number(0.30000000000000004)
        ]),
        "integers": .array([.integer(Int64.min), .integer(0), .integer(Int64.max)]),
        "empty": .object([:]), "none": .array([]), "flags": .array([.bool(true), .bool(false), .null]),
        "nested": .object(["b": .integer(2), "a": .object(["z": .string(""), "y": .array([.number(1.5)])])])
    ])

    @Test func sameValuesAsJSONEncoder() throws {
        let ours = try Self.sample.text()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let theirs = try encoder.encode(Self.sample)
        let a = try JSONSerialization.jsonObject(with: Data(ours.utf8)) as! NSDictionary
        let b = try JSONSerialization.jsonObject(with: theirs) as! NSDictionary
        #expect(a == b)
        // Keys sorted, two-space indents, slashes as they are, non-finite numbers as null.
        #expect(ours.hasPrefix("{\n  \"empty\" : {},\n  \"flags\" : [\n    true,"))
        #expect(ours.contains("slash / line\\nbreak\\ttab \\u0001 été 🌳"))
        // Every number reads back exactly (JSONDecoder; JSONSerialization rounds on some platforms).
        struct Numbers: Decodable { var numbers: [Double?]; var integers: [Int64] }
        let decoded = try JSONDecoder().decode(Numbers.self, from: Data(ours.utf8))
        #expect(
            decoded.numbers.map { $0?.bitPattern }
                == [
                    0.1, 1e-7, 123_456_789.123, 0, 5, 1e20, -2.5e-300, nil, nil,
                    0.30000000000000004
                ].map { $0?.bitPattern })
        #expect(decoded.integers == [Int64.min, 0, Int64.max])
    }
}
