import Foundation
import Testing
import TestSupport
import Verdant

/// The CSV reader.
@Suite struct CSVTableTests {
    static func read(_ text: String) throws -> CSVTable {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("t.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try CSVTable(path: path)
    }

    /// A quote or comma followed by a combining mark is still a quote or comma (found by fuzz-csv: the reader went
    /// by characters, in which the two are one).
    @Test func combiningMarksAfterQuotesAndCommas() throws {
        let table = try Self.read("\u{FEFF}\"\u{301}z\",b\n\"x\u{301}\",\u{301}y\r\n")
        #expect(table.header == ["\u{301}z", "b"])
        #expect(
            table.rows.map { $0.map { Array($0.unicodeScalars) } } == [
                [Array("x\u{301}".unicodeScalars), Array("\u{301}y".unicodeScalars)]
            ])
    }

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let table = try Self.read("a,b\r\n\"1,2\",\"say \"\"hi\"\"\nthere\"\n\n")
        #expect(table.header == ["a", "b"])
        #expect(table.rows == [["1,2", "say \"hi\"\nthere"]])
    }
}
