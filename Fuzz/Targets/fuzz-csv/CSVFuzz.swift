import Foundation
import FuzzSupport
@testable import Verdant
@testable import VerdantCore

/// The fuzzer's entry point: libFuzzer's driver on `fuzzCSV`.
@main enum CSVFuzzer {
    static func main() { FuzzMain.run(fuzzCSV) }
}

/// Fuzzes the CSV reader and the plots built from it.
///
/// `CSVTable`: any bytes either throw a `VerdantError` or give a rectangular table that, written back as RFC 4180
/// (every field quoted), reads back the same. `PlotSource`: a table it takes gives a GeoJSON that is valid JSON,
/// one Polygon feature per row, its `plot_id` the row's id, with finite coordinates.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = FuzzScratch.write(data, size, name: "plots.csv")
    let table: CSVTable
    do { table = try CSVTable(path: path) } catch {
        FuzzCheck.require(error is VerdantError, "CSVTable threw \(error), not a VerdantError")
        return 0
    }
    for row in table.rows {
        FuzzCheck.require(row.count == table.header.count, "a row of \(row.count) fields, header \(table.header.count)")
    }
    // A header of one blank name (say " ") writes as a blank line, which the reader skips by design.
    if table.header == [""] { return 0 }
    let again = FuzzScratch.folder + "/again.csv"
    FuzzCheck.require(
        (try? Data(quoted(table).utf8).write(to: URL(fileURLWithPath: again))) != nil, "cannot write \(again)")
    do {
        let reread = try CSVTable(path: again)
        FuzzCheck.require(reread == table, "written back and read again: \(reread) vs \(table)")
    } catch {
        FuzzCheck.fail("the table written back does not read: \(error) (table \(table))")
    }
    checkPlots(path, table)
    return 0
}

/// The table as RFC 4180 text, every field quoted.
private func quoted(_ table: CSVTable) -> String {
    // By Unicode scalars: a quote followed by a combining mark is one Character, which a String replacement misses.
    func quote(_ field: String) -> String {
        var out = "\""
        for u in field.unicodeScalars {
            if u == "\"" { out += "\"\"" } else { out.unicodeScalars.append(u) }
        }
        return out + "\""
    }
    func line(_ fields: [String]) -> String { fields.map(quote).joined(separator: ",") + "\r\n" }
    return ([table.header] + table.rows).map(line).joined()
}

/// The plots of the CSV at `path`, when it is a plot table.
private func checkPlots(_ path: String, _ table: CSVTable) {
    let folder = FuzzScratch.folder
    let plots: (path: String, idField: String, agb: [String: Double], plotAreaHa: Double, dates: [String])
    do { plots = try PlotSource(path: path).parcels(into: folder) } catch {
        FuzzCheck.require(error is VerdantError, "PlotSource threw \(error), not a VerdantError")
        return
    }
    guard let text = FileManager.default.contents(atPath: plots.path) else {
        FuzzCheck.fail("no plots GeoJSON at \(plots.path)")
    }
    let json: Any
    do { json = try JSONSerialization.jsonObject(with: text) } catch {
        FuzzCheck.fail("the plots GeoJSON is not JSON (\(error)): \(String(decoding: text, as: UTF8.self).prefix(400))")
    }
    guard let features = (json as? [String: Any])?["features"] as? [[String: Any]] else {
        FuzzCheck.fail("no features array")
    }
    FuzzCheck.require(features.count == table.rows.count, "\(features.count) features for \(table.rows.count) rows")
    let idColumn = (try? table.column("plot_id", file: path, option: .idColumn)) ?? -1
    for (row, feature) in zip(table.rows, features) {
        let id = (feature["properties"] as? [String: Any])?["plot_id"] as? String
        let expected = row[idColumn].trimmingCharacters(in: .whitespaces)
        // U+FEFF left out: Foundation's JSONSerialization (6.3.1) drops it from strings with escapes (its bug).
        func scalars(_ text: String) -> [Unicode.Scalar] { text.unicodeScalars.filter { $0 != "\u{FEFF}" } }
        FuzzCheck.require(id.map(scalars) == scalars(expected), "plot_id \(String(describing: id)) for \(expected)")
        FuzzCheck.require(plots.agb[expected] != nil, "no AGB for plot \(expected)")
        let geometry = feature["geometry"] as? [String: Any]
        guard let rings = geometry?["coordinates"] as? [[[Any]]], let ring = rings.first else {
            FuzzCheck.fail("no ring for \(expected)")
        }
        for point in ring {
            let xy = point.compactMap { ($0 as? NSNumber)?.doubleValue }
            FuzzCheck.require(xy.count == 2 && xy.allSatisfy(\.isFinite), "plot \(expected): vertex \(point)")
        }
    }
}
