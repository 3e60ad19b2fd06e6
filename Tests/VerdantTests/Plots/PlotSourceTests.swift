import Foundation
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// The plots GeoJSON built from a CSV of plot centres.
@Suite struct PlotSourceTests {
    @Test func plotIDsWithControlCharactersGiveValidGeoJSON() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Quoted fields may hold line breaks and tabs; ids with quotes, backslashes and other control characters.
        let ids = ["line\nbreak", "tab\there", "quote \" and \\ backslash", "bell\u{07}", "cr\r\nlf"]
        var csv = "plot_id,lon,lat,radius_m,agb_t_ha\n"
        for (k, id) in ids.enumerated() {
            csv += "\"\(id.replacingOccurrences(of: "\"", with: "\"\""))\",100.\(k),14.5,15,\(10 * k)\n"
        }
        let path = folder.file("plots.csv")
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let plots = try PlotSource(path: path).parcels(into: folder.path)
        let data = try #require(FileManager.default.contents(atPath: plots.path))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(json["features"] as? [[String: Any]])
        let read = features.map { ($0["properties"] as? [String: Any])?["plot_id"] as? String }
        #expect(read == ids.map { Optional($0) })
        #expect(Set(plots.agb.keys) == Set(ids))
    }
}
