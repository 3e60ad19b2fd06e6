import Foundation
import GDALKit

/// A small RFC 4180 CSV reader: a header row and records, quoted fields with commas, quotes and line breaks.
public struct CSVTable: Hashable, Sendable {
    /// Column names.
    public var header: [String]
    /// Records, each as many fields as the header.
    public var rows: [[String]]

    /// Reads `path`; throws naming the file and the problem.
    public init(path: String) throws {
        let data: Data
        if let remote = RemotePath(path) {
            try remote.checkExists()
            guard let bytes = VirtualFiles.contents(remote.gdalPath) else {
                throw VerdantError.input(file: path, problem: "cannot be read")
            }
            data = bytes
        } else {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw VerdantError.input(file: path, problem: "no such file")
            }
            data = bytes
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw VerdantError.input(file: path, problem: "is not UTF-8 text")
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false, afterQuote = false
        // Unicode scalars, not characters: a quote or comma followed by a combining mark is one character.
        var chars = text.unicodeScalars.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"":
                if afterQuote { field.append("\"") }
                quoted = true
                afterQuote = false
            case ",":
                record.append(field); field = ""; afterQuote = false
            case "\n":
                record.append(field); field = ""; afterQuote = false
                if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                record = []
            case "\r":
                continue
            default:
                field.unicodeScalars.append(c); afterQuote = false
            }
        }
        if quoted { throw VerdantError.input(file: path, problem: "has an unclosed quote") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { throw VerdantError.input(file: path, problem: "is empty") }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        self.rows = Array(records.dropFirst())
        for (i, r) in rows.enumerated() where r.count != header.count {
            throw VerdantError.input(
                file: path, problem: "line \(i + 2) has \(r.count) fields, the header \(header.count)")
        }
    }

    /// The index of column `name` (case-insensitive); throws naming the file and the columns it has.
    public func column(_ name: String, file: String, option: Parameter) throws -> Int {
        if let i = header.firstIndex(of: name) ?? header.firstIndex(where: { $0.lowercased() == name.lowercased() }) {
            return i
        }
        throw VerdantError.input(
            file: file,
            problem:
                "has no column '\(name)' (columns: \(header.joined(separator: ", "))); name it with \(param: option)")
    }
}
