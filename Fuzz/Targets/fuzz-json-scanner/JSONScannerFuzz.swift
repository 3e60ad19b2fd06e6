import Foundation
import FuzzSupport
@testable import Verdant
@testable import VerdantCore

/// The fuzzer's entry point: libFuzzer's driver on `fuzzJSONScanner`.
@main enum JSONScannerFuzzer {
    static func main() { FuzzMain.run(fuzzJSONScanner) }
}

/// Fuzzes the GeoJSON reader's JSON scanner against Foundation's JSON parser and Swift's `Double(_:)`: whenever the
/// scanner takes a whole document, Foundation takes it too, with the same structure, keys and strings (byte for
/// byte); integers agree, reals equal `Double(text)` exactly; `skipValue` skips exactly the same bytes; and
/// `skipValidValue` takes exactly the values the parse takes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONScanner(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Data(UnsafeBufferPointer(start: data, count: size))
    let bytes = JSONBytes(input)
    var scanner = JSONScanner(bytes, range: 0..<size)
    var skipper = JSONScanner(bytes, range: 0..<size)
    var validator = JSONScanner(bytes, range: 0..<size)
    let skipped = (try? skipper.skipValue()) != nil
    let validated = (try? validator.skipValidValue()) != nil
    let parsed: ScannedValue
    do { parsed = try ScannedValue.parse(&scanner, depth: 0) } catch {
        FuzzCheck.require(
            !validated || error is ScannedValue.TooDeep, "skipValidValue takes a value the parse refuses (\(error))")
        return 0
    }
    FuzzCheck.require(
        skipped && skipper.position == scanner.position,
        "skipValue ends at \(skipper.position) (ok: \(skipped)), the parse at \(scanner.position)")
    FuzzCheck.require(
        validated && validator.position == scanner.position,
        "skipValidValue ends at \(validator.position) (ok: \(validated)), the parse at \(scanner.position)")
    scanner.skipSpace()
    guard scanner.position == scanner.end else { return 0 }
    let reference: Any
    do { reference = try JSONSerialization.jsonObject(with: input, options: [.fragmentsAllowed]) } catch {
        FuzzCheck.fail("the scanner takes what Foundation refuses (\(error))")
    }
    parsed.expectSame(as: reference, at: "$")
    return 0
}

/// A JSON value as read by the scanner's primitives.
indirect enum ScannedValue {
    case object([(String, ScannedValue)])
    case array([ScannedValue])
    case string(String)
    case number(JSONScanner.Number, text: String)
    case literal(String)

    /// Nesting beyond this is not parsed, as `skipValidValue` takes no deeper values.
    static let maximumDepth = JSONScanner.maximumDepth

    struct TooDeep: Error {}

    /// Reads one value.
    static func parse(_ s: inout JSONScanner, depth: Int) throws -> ScannedValue {
        guard depth < maximumDepth else { throw TooDeep() }
        switch s.peek() ?? 0 {
        case UInt8(ascii: "{"):
            var members: [(String, ScannedValue)] = []
            try s.object { s, key in members.append((key, try parse(&s, depth: depth + 1))) }
            return .object(members)
        case UInt8(ascii: "["):
            var elements: [ScannedValue] = []
            try s.array { s in elements.append(try parse(&s, depth: depth + 1)) }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try s.string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = s.position
            let number = try s.number()
            return .number(
                number,
                text: s.text(of: start..<s.position))
        default:
            return .literal(try s.literal())
        }
    }

    /// Aborts unless Foundation's `value` is this value.
    func expectSame(as value: Any, at path: String) {
        switch self {
        case .object(let members):
            guard let dictionary = value as? [String: Any] else {
                FuzzCheck.fail("\(path): an object, Foundation \(value)")
            }
            FuzzCheck.require(
                dictionary.count == members.count, "\(path): \(members.count) keys, Foundation \(dictionary.count)")
            for (key, member) in members {
                let match = dictionary.first { Array($0.key.utf8) == Array(key.utf8) }
                guard let match else { FuzzCheck.fail("\(path): key \(Array(key.utf8)) missing in Foundation's") }
                member.expectSame(as: match.value, at: path + "." + key)
            }
        case .array(let elements):
            guard let array = value as? [Any] else { FuzzCheck.fail("\(path): an array, Foundation \(value)") }
            FuzzCheck.require(
                array.count == elements.count, "\(path): \(elements.count) elements, Foundation \(array.count)")
            for (i, (element, other)) in zip(elements, array).enumerated() {
                element.expectSame(as: other, at: "\(path)[\(i)]")
            }
        case .string(let text):
            guard let other = value as? String else { FuzzCheck.fail("\(path): a string, Foundation \(value)") }
            FuzzCheck.require(
                Array(text.utf8) == Array(other.utf8), "\(path): \(Array(text.utf8)) vs Foundation \(Array(other.utf8))"
            )
        case .number(let number, let text):
            guard let other = value as? NSNumber else {
                FuzzCheck.fail("\(path): the number \(text), Foundation \(value)")
            }
            switch number {
            case .integer(let i):
                FuzzCheck.require(Int64(text) == i, "\(path): \(text) read as the integer \(i)")
                if i.magnitude < 1 << 53 {
                    FuzzCheck.require(other.doubleValue == Double(i), "\(path): \(i), Foundation \(other)")
                }
            case .real(let d):
                guard let exact = Double(text) else { FuzzCheck.fail("\(path): \(text) is not a Double") }
                FuzzCheck.require(d.bitPattern == exact.bitPattern, "\(path): \(text) read as \(d), exactly \(exact)")
            }
        case .literal(let word):
            switch word {
            case "null": FuzzCheck.require(value is NSNull, "\(path): null, Foundation \(value)")
            default:
                guard let other = (value as? Bool) ?? (value as? NSNumber)?.boolValue else {
                    FuzzCheck.fail("\(path): \(word), Foundation \(value)")
                }
                FuzzCheck.require(other == (word == "true"), "\(path): \(word), Foundation \(other)")
            }
        }
    }
}
