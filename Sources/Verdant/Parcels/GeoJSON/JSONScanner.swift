import Foundation

/// A file's bytes in memory of their own, for `JSONScanner`s on any thread; every scanner keeps them alive.
///
/// Thread rule: the bytes are written once, in `init`, before any scanner exists, and never after; scanners only
/// read them, so they may be shared by any number of threads.
final class JSONBytes: @unchecked Sendable {
    fileprivate let buffer: UnsafeMutableBufferPointer<UInt8>

    /// A copy of `data`.
    init(_ data: Data) {
        buffer = .allocate(capacity: data.count)
        precondition(data.copyBytes(to: buffer) == data.count, "JSON bytes not copied whole")
    }

    deinit { buffer.deallocate() }

    /// Bytes held.
    var count: Int { buffer.count }

    /// True when the bytes start with `prefix`.
    func starts(with prefix: [UInt8]) -> Bool { buffer.starts(with: prefix) }
}

/// Reads JSON from UTF-8 bytes, one token at a time, for the GeoJSON parcel reader: strings, numbers, literals,
/// and skipping whole values. Anything it does not take (bad syntax, invalid UTF-8) throws `GeoJSONNotSimple`,
/// and the file is read by OGR instead, which reports real errors in its own words.
///
/// This file is the reader's scanning kernel, and its only pointer code. Safety contract: a scanner reads
/// `bytes[i]` without bounds checks only for `position <= i < end`, and `init` checks that `range` lies within the
/// bytes; the bytes are immutable and stay allocated while the scanner (which holds their owner) exists. No
/// pointer is part of the scanner's non-private API.
struct JSONScanner {
    /// The owner of the bytes, kept alive by the scanner.
    private let storage: JSONBytes
    /// The bytes.
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The next byte to read.
    var position: Int
    /// One past the last byte this scanner may read.
    let end: Int

    /// A scanner over `bytes[range]`.
    init(_ bytes: JSONBytes, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "JSON range outside the bytes")
        self.storage = bytes
        self.bytes = UnsafeBufferPointer(bytes.buffer)
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// The bytes of `range` (within this scanner's) as UTF-8 text, for checks of what was scanned.
    func text(of range: Range<Int>) -> String {
        precondition(range.lowerBound >= 0 && range.upperBound <= end, "text range outside the scanner")
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A scanner over another range of the same bytes.
    func scanner(over range: Range<Int>) -> JSONScanner { JSONScanner(storage, range: range) }

    /// A JSON number: an integer (no fraction, no exponent, within Int64) or a real.
    enum Number: Equatable {
        case integer(Int64)
        case real(Double)

        /// The value as a Double.
        var double: Double {
            switch self {
            case .integer(let i): Double(i)
            case .real(let d): d
            }
        }
    }

    func fail(_ reason: String) -> GeoJSONNotSimple { GeoJSONNotSimple(reason: "\(reason) at byte \(position)") }

    /// Skips spaces, tabs and line breaks.
    @inline(__always)
    mutating func skipSpace() {
        while position < end {
            let c = bytes[position]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { position += 1 } else { return }
        }
    }

    /// The next byte after spaces, not consumed; nil at the end.
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipSpace()
        return position < end ? bytes[position] : nil
    }

    /// Consumes `c` after spaces, or throws.
    @inline(__always)
    mutating func expect(_ c: UInt8) throws {
        guard peek() == c else { throw fail("expected '\(Character(Unicode.Scalar(c)))'") }
        position += 1
    }

    /// Consumes `c` after spaces when it is next.
    @inline(__always)
    mutating func take(_ c: UInt8) -> Bool {
        if peek() == c { position += 1; return true }
        return false
    }

    /// Calls `member` with each key of an object (the scanner then before its value), consuming the object. A key
    /// that comes twice throws (readers differ on which one wins).
    mutating func object(_ member: (inout JSONScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        var keys: [String] = []
        repeat {
            let key = try string()
            if keys.contains(key) { throw fail("key '\(key)' twice") }
            keys.append(key)
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Calls `element` for each element of an array (the scanner then before it), consuming the array.
    mutating func array(_ element: (inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if take(UInt8(ascii: "]")) { return }
        repeat { try element(&self) } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    /// A string, escapes decoded.
    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = position
        var escaped = false
        while position < end {
            let c = bytes[position]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") { escaped = true; position += 2; continue }
            if c < 0x20 { throw fail("control character in a string") }
            position += 1
        }
        guard position < end else { throw fail("unterminated string") }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
        position += 1
        let text = escaped ? try Self.unescape(raw) : String(decoding: raw, as: UTF8.self)
        // Invalid UTF-8 would have been replaced: leave such files to OGR.
        if !escaped && text.utf8.count != raw.count { throw fail("invalid UTF-8") }
        return text
    }

    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4(_ at: Int) throws -> UInt32 {
            guard at + 4 <= raw.count else { throw GeoJSONNotSimple(reason: "short \\u escape") }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = raw[at + k]
                let d: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
                default: throw GeoJSONNotSimple(reason: "bad \\u escape")
                }
                v = v << 4 | d
            }
            return v
        }
        while i < raw.count {
            let c = raw[i]
            guard c == UInt8(ascii: "\\") else { out.append(c); i += 1; continue }
            guard i + 1 < raw.count else { throw GeoJSONNotSimple(reason: "bad escape") }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(i)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") else {
                        throw GeoJSONNotSimple(reason: "lone surrogate")
                    }
                    let low = try hex4(i + 2)
                    guard (0xDC00...0xDFFF).contains(low) else { throw GeoJSONNotSimple(reason: "lone surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                    // json-c (OGR's JSON parser, 0.16) decodes a pair whose code point's low 16 bits lie in
                    // D800–DFFF (U+1D800–U+1DFFF, U+2D800–…) as U+FFFD: such files are OGR's to read.
                    if (0xD800...0xDFFF).contains(scalar & 0xFFFF) {
                        throw GeoJSONNotSimple(reason: "an escaped code point json-c replaces")
                    }
                }
                guard scalar != 0, let u = Unicode.Scalar(scalar) else {
                    throw GeoJSONNotSimple(reason: "bad \\u escape")
                }
                out.append(contentsOf: String(Character(u)).utf8)
            default: throw GeoJSONNotSimple(reason: "bad escape")
            }
        }
        let text = String(decoding: out, as: UTF8.self)
        if text.utf8.count != out.count { throw GeoJSONNotSimple(reason: "invalid UTF-8") }
        return text
    }

    /// A number.
    mutating func number() throws -> Number {
        skipSpace()
        let start = position
        var negative = false
        if position < end && bytes[position] == UInt8(ascii: "-") { negative = true; position += 1 }
        var mantissa: UInt64 = 0, digits = 0, dropped = 0
        let intStart = position
        while position < end, case let d = bytes[position] &- UInt8(ascii: "0"), d < 10 {
            if digits < 19 {
                mantissa = mantissa * 10 + UInt64(d); if mantissa != 0 { digits += 1 }
            } else {
                dropped += 1
            }
            position += 1
        }
        let intDigits = position - intStart
        guard intDigits > 0, !(intDigits > 1 && bytes[intStart] == UInt8(ascii: "0")) else { throw fail("bad number") }
        var exponent = dropped
        var isInteger = true
        if position < end && bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            let fracStart = position
            while position < end, case let d = bytes[position] &- UInt8(ascii: "0"), d < 10 {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(d); if mantissa != 0 { digits += 1 }; exponent -= 1 }
                position += 1
            }
            guard position > fracStart else { throw fail("bad number") }
        }
        if position < end && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            var expNegative = false
            if position < end && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
                expNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            var e = 0
            let expStart = position
            while position < end, case let d = bytes[position] &- UInt8(ascii: "0"), d < 10 {
                if e < 100_000 { e = e * 10 + Int(d) }
                position += 1
            }
            guard position > expStart else { throw fail("bad number") }
            exponent += expNegative ? -e : e
        }
        if isInteger {
            guard dropped == 0, mantissa <= (negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)) else {
                throw fail("integer beyond 64 bits")
            }
            return .integer(negative ? Int64(truncatingIfNeeded: 0 &- mantissa) : Int64(mantissa))
        }
        // Exact when the mantissa and the power of ten are both exact doubles (Clinger's fast path).
        if digits <= 15 && dropped == 0 && (-22...22).contains(exponent) {
            let m = Double(mantissa)
            let v = exponent < 0 ? m / Self.powersOfTen[-exponent] : m * Self.powersOfTen[exponent]
            return .real(negative ? -v : v)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let v = Double(text), v.isFinite else { throw fail("number out of range") }
        return .real(v)
    }

    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { v, _ in v * 10 } }

    /// `true`, `false` or `null`; returns which.
    mutating func literal() throws -> String {
        skipSpace()
        for word in Self.literals {
            if position + word.count <= end && word.indices.allSatisfy({ bytes[position + $0] == word[$0] }) {
                position += word.count
                return String(decoding: word, as: UTF8.self)
            }
        }
        throw fail("unexpected value")
    }

    private static let literals: [[UInt8]] = ["null", "true", "false"].map { Array($0.utf8) }

    /// Skips one value of any kind (checking only its structure: brackets, strings), for values read afterwards.
    mutating func skipValue() throws {
        guard let c = peek() else { throw fail("missing value") }
        switch c {
        case UInt8(ascii: "\""): _ = try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while position < end {
                let b = bytes[position]
                switch b {
                case UInt8(ascii: "\""): try skipString(); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { position += 1; return }
                default: break
                }
                position += 1
            }
            throw fail("unterminated value")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        default: _ = try literal()
        }
    }

    /// The deepest nesting `skipValidValue` takes (deeper values leave the file to OGR; GeoJSON needs far less).
    static let maximumDepth = 32

    /// Skips one value after checking all of it as `string`, `number` and `literal` read values (nested at most
    /// `maximumDepth` deep): for values nobody reads afterwards (a `bbox`, an unknown member), which OGR still parses
    /// and refuses when they are not JSON.
    mutating func skipValidValue(depth: Int = 0) throws {
        guard depth < Self.maximumDepth else { throw fail("nested too deep") }
        switch peek() ?? 0 {
        case UInt8(ascii: "{"): try object { s, _ in try s.skipValidValue(depth: depth + 1) }
        case UInt8(ascii: "["): try array { s in try s.skipValidValue(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        default: _ = try literal()
        }
    }

    /// Skips a string without decoding it.
    @discardableResult
    private mutating func skipString() throws -> Int {
        let start = position
        position += 1
        while position < end {
            let c = bytes[position]
            if c == UInt8(ascii: "\"") { position += 1; return start }
            position += c == UInt8(ascii: "\\") ? 2 : 1
        }
        throw fail("unterminated string")
    }
}

/// A GeoJSON file that the fast reader leaves to OGR: something it does not take exactly as OGR would.
struct GeoJSONNotSimple: Error {
    /// What it met.
    let reason: String
}
