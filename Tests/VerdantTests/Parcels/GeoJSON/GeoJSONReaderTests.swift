import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// The GeoJSON reader gives exactly what OGR's GeoJSON driver gives (layer name, fields and their types, CRS,
/// feature ids, attributes, WKB), and leaves every file it does not take exactly so to OGR.
@Suite struct GeoJSONReaderTests {
    /// What OGR reads from `path`.
    static func ogr(_ path: String) throws -> FeatureTable {
        try FeatureTable(layer: try VectorDataset.open(path).layer(at: 0))
    }

    static func expectSame(_ path: String, threads: Int = 2, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fast = try GeoJSONReader.read(path: path, threads: threads)
        let slow = try ogr(path)
        #expect(fast.layerName == slow.layerName, sourceLocation: sourceLocation)
        #expect(fast.fields == slow.fields, sourceLocation: sourceLocation)
        #expect(fast.labels == slow.labels, sourceLocation: sourceLocation)
        #expect(fast.attributes == slow.attributes, sourceLocation: sourceLocation)
        #expect(fast.wkbs == slow.wkbs, "geometry differs", sourceLocation: sourceLocation)
        let a = try #require(fast.crs), b = try #require(slow.crs)
        #expect(a.isSame(as: b) && a.name == b.name, sourceLocation: sourceLocation)
    }

    static func write(_ folder: TemporaryFolder, _ name: String, _ text: String) throws -> String {
        let path = folder.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func sampleAndFixtureFilesReadAsOGRReadsThem() throws {
        try Self.expectSame(ProjectRoot.sample("sentinel2_parcels.geojson"))
        try Self.expectSame(ProjectRoot.sample("drone_parcels.geojson"), threads: 1)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try VectorFixture.geojson(
            folder.file("utm.geojson"), crs: "EPSG:32647",
            features: [
                .init(
                    properties: [("id", "\"A\""), ("n", "3")],
                    polygons: [[VectorFixture.rect(600_000, 1_599_950, 600_050, 1_600_000)]]),
                .init(properties: [("id", "\"B\""), ("n", "4")], polygons: nil)
            ])
        try Self.expectSame(path)
    }

    @Test(.enabled(if: RealData.isPresent, "../shared/real-data/ is absent: the real training polygons cannot be read"))
    func realTrainingPolygons() throws {
        let temporary = try TemporaryFolder()
        defer { temporary.remove() }
        for file in [
            "landsat5_rstoolbox/trainingPolygons_lsat.geojson", "sentinel2_rstoolbox/trainingPolygons_sen2.geojson"
        ] {
            // Their numeric "id" property becomes OGR's feature ids: left to OGR.
            let path = try RealData.require(file)
            #expect(throws: GeoJSONNotSimple.self) { try GeoJSONReader.read(path: path, threads: 2) }
            // Renamed, the same real polygons are read as OGR reads them.
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
                of: "\"id\":", with: "\"plot\":")
            try Self.expectSame(try Self.write(temporary, URL(fileURLWithPath: file).lastPathComponent, text))
        }
    }

    @Test func everythingTheReaderTakes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A name, escapes and non-ASCII text, integers beyond 32 bits, an integer/real mix, a null-only field,
        // null properties and geometry, coordinates before the type, bboxes, exponents, holes, multipolygons,
        // keys that appear late, and members OGR ignores.
        let path = try Self.write(
            folder, "all.geojson",
            """
            {"type": "FeatureCollection", "name": "plots \\u00e9t\\u00e9", "bbox": [0, 0, 5, 5], "generator": {"x": [1, 2]},
             "features": [
              {"type": "Feature", "bbox": [0,0,1,1], "properties": {"pid": "A-1 \\"q\\" \\\\ \\n \\ud83c\\udf33 ñ", "big": 3000000000, "mix": 1, "none": null},
               "geometry": {"coordinates": [[[0, 0], [1.5e0, 0], [1, 1E-3], [0.1, 0.30000000000000004], [0, 0]]], "type": "Polygon"}},
              {"type": "Feature", "properties": null, "geometry": null},
              {"properties": {"pid": "B", "mix": 2.25, "none": null, "late": -7}, "type": "Feature",
               "geometry": {"type": "MultiPolygon", "coordinates": [[[[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]], [[2.5, 2.5], [3, 2.5], [3, 3], [2.5, 2.5]]],
                                                                    [[[5, 5], [6, 5], [6, 6], [5, 5]]]]}},
              {"type": "Feature", "properties": {"pid": "", "big": -9223372036854775808, "mix": -0, "late": 12345678901234},
               "geometry": {"type": "Polygon", "coordinates": [[[-1.123456789012345678, -2.5e-7], [100.00000000000001, -2], [3.141592653589793238, 1e22], [-1.123456789012345678, -2.5e-7]]]}}
             ]}
            """)
        try Self.expectSame(path)
        let table = try GeoJSONReader.read(path: path, threads: 2)
        #expect(table.layerName == "plots été")
        #expect(table.fields.map(\.type) == [.string, .integer, .real, .string, .integer])
        // A file without a name is named after the file.
        let unnamed = try Self.write(
            folder, "parcels-2024.json",
            """
            {"features": [{"type": "Feature", "properties": {"a": 1}, "geometry": null}], "type": "FeatureCollection"}
            """)
        try Self.expectSame(unnamed)
        // Keys that come back in the same order, new keys after known ones, CRS84 and EPSG names.
        let ordered = try Self.write(
            folder, "ordered.geojson",
            """
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}, "features": [
             {"type": "Feature", "properties": {"a": 1, "b": null}, "geometry": null},
             {"type": "Feature", "properties": {"b": 2, "c": 3}, "geometry": null},
             {"type": "Feature", "properties": {"a": 1, "c": 3, "d": "x", "id": "P1"}, "geometry": null}]}
            """)
        try Self.expectSame(ordered)
        let utm = try Self.write(
            folder, "utm.geojson",
            """
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:32647"}}, "features": [
             {"type": "Feature", "properties": {"a": 1}, "geometry": null}]}
            """)
        try Self.expectSame(utm)
    }

    /// Numbers written many ways round-trip to the same doubles as OGR's (strtod) reading.
    @Test func numbersParseAsOGRParsesThem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var rng = SplitMix64(seed: 7)
        var features: [String] = []
        for i in 0..<300 {
            func number() -> String {
                let v = (Double(rng.next() % 1_000_000_000) / 1e9 - 0.5) * pow(10, Double(Int(rng.next() % 12)) - 4)
                switch rng.next() % 5 {
                case 0: return "\(v)"
                case 1: return String(format: "%.17g", v)
                case 2: return String(format: "%.3e", v)
                case 3: return String(format: "%.25f", v)
                default: return String(format: "%.9f", v)
                }
            }
            let (x, y) = (number(), number())
            let ring = "[[\(x), \(y)], [\(number()), \(number())], [\(number()), \(number())], [\(x), \(y)]]"
            features.append(
                "{\"type\": \"Feature\", \"properties\": {\"i\": \(i), \"v\": \(number())}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [\(ring)]}}"
            )
        }
        let path = try Self.write(
            folder, "numbers.geojson",
            "{\"type\": \"FeatureCollection\", \"features\": [\n" + features.joined(separator: ",\n") + "]}")
        try Self.expectSame(path, threads: 3)
    }

    /// Files the reader does not take exactly as OGR does are left to OGR, and the loader still reads them.
    @Test(arguments: [
        ("date", #"{"type": "Feature", "properties": {"d": "2024-01-05"}, "geometry": null}"#),
        ("time", #"{"type": "Feature", "properties": {"d": "12:30"}, "geometry": null}"#),
        ("boolean", #"{"type": "Feature", "properties": {"b": true}, "geometry": null}"#),
        ("list", #"{"type": "Feature", "properties": {"l": [1, 2]}, "geometry": null}"#),
        ("object", #"{"type": "Feature", "properties": {"o": {"a": 1}}, "geometry": null}"#),
        ("feature id", #"{"type": "Feature", "id": 7, "properties": {"a": 1}, "geometry": null}"#),
        (
            "mixed types",
            #"{"type": "Feature", "properties": {"a": 1}, "geometry": null}, {"type": "Feature", "properties": {"a": "x"}, "geometry": null}"#
        ),
        ("case", #"{"type": "Feature", "properties": {"a": 1, "A": 2}, "geometry": null}"#),
        (
            "3D",
            #"{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 0, 1]]]}}"#
        ),
        ("point", #"{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [0, 0]}}"#),
        (
            "open ring",
            #"{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}}"#
        ),
        ("huge integer", #"{"type": "Feature", "properties": {"a": 99999999999999999999}, "geometry": null}"#),
        ("numeric id", #"{"type": "Feature", "properties": {"id": 3}, "geometry": null}"#),
        ("repeated property", #"{"type": "Feature", "properties": {"a": 1, "a": 2}, "geometry": null}"#),
        ("repeated member", #"{"type": "Feature", "properties": {"a": 1}, "geometry": null, "geometry": null}"#),
        (
            "key order",
            #"{"type": "Feature", "properties": {"b": 1}, "geometry": null}, {"type": "Feature", "properties": {"a": 1}, "geometry": null}, {"type": "Feature", "properties": {"c": 1, "b": 2}, "geometry": null}"#
        ),
        (
            "swapped keys",
            #"{"type": "Feature", "properties": {"a": 1, "b": 1}, "geometry": null}, {"type": "Feature", "properties": {"b": 1, "a": 2}, "geometry": null}"#
        ),
        (
            "new key between",
            #"{"type": "Feature", "properties": {"a": 1, "b": 1}, "geometry": null}, {"type": "Feature", "properties": {"a": 2, "c": 3}, "geometry": null}"#
        ),
        (
            "order left open",
            #"{"type": "Feature", "properties": {"a": 1, "b": 1}, "geometry": null}, {"type": "Feature", "properties": {"c": 3}, "geometry": null}"#
        ),
        (
            "order left open by name",
            #"{"type": "Feature", "properties": {"n": "x", "1": 1}, "geometry": null}, {"type": "Feature", "properties": {"@name": "y", "v": 7}, "geometry": null}"#
        ),
        (
            "new key first",
            #"{"type": "Feature", "properties": {"a": 1}, "geometry": null}, {"type": "Feature", "properties": {"c": 3, "a": 2}, "geometry": null}"#
        ),
        (
            "other crs",
            #"{"type": "Feature", "properties": {}, "geometry": null}], "crs": {"type": "name", "properties": {"name": "+proj=longlat +datum=WGS84"}}, "x": ["#
        )
    ])
    func leftToOGR(_ name: String, _ features: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.write(folder, "f.geojson", "{\"type\": \"FeatureCollection\", \"features\": [\(features)]}")
        #expect(throws: GeoJSONNotSimple.self, "\(name)") { try GeoJSONReader.read(path: path, threads: 1) }
        let table = try ParcelLoader.features(of: ParcelSource(path: path), threads: 1)
        let slow = try Self.ogr(path)
        #expect(table.fields == slow.fields && table.attributes == slow.attributes && table.labels == slow.labels)
    }

    @Test func brokenFilesAreLeftToOGRWhichNamesTheProblem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.write(
            folder, "broken.geojson", #"{"type": "FeatureCollection", "features": [{"type": "Feature", "#)
        #expect(throws: GeoJSONNotSimple.self) { try GeoJSONReader.read(path: path, threads: 1) }
        do {
            _ = try ParcelLoader.features(of: ParcelSource(path: path), threads: 1)
            Issue.record("a broken file was read")
        } catch let error as VerdantError {
            #expect("\(error)".contains("broken.geojson"))
        }
    }

    /// Invalid JSON in a value the reader skips (a bbox, an unknown member) is refused as OGR refuses it (found by
    /// fuzz-geojson: the skipped values were only checked for balanced brackets).
    @Test(arguments: [
        #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": null, "geometry": null, "bbox": [0, 0, 1, 1b]}]}"#,
        #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": null, "geometry": {"type": "Polygon", "bbox": [0, x], "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}"#,
        #"{"type": "FeatureCollection", "x": {"a" 1}, "features": []}"#
    ])
    func invalidJSONInSkippedValues(_ text: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.write(folder, "skipped.geojson", text)
        #expect(throws: GeoJSONNotSimple.self) { try GeoJSONReader.read(path: path, threads: 1) }
        #expect(throws: (any Error).self) { try Self.ogr(path) }
    }

    /// A member OGR finds whatever its case ("Crs") is left to OGR (found by fuzz-geojson: the reader skipped it
    /// and read the file as longitude/latitude, where OGR refuses the unknown CRS).
    @Test func membersSpelledInAnotherCaseAreLeftToOGR() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text =
            #"{"type": "FeatureCollection", "Crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::99999"}}, "features": []}"#
        let path = try Self.write(folder, "case.geojson", text)
        #expect(throws: GeoJSONNotSimple.self) { try GeoJSONReader.read(path: path, threads: 1) }
        let shouted = try Self.write(folder, "shout.geojson", #"{"TYPE": "FeatureCollection", "features": []}"#)
        #expect(throws: GeoJSONNotSimple.self) { try GeoJSONReader.read(path: shouted, threads: 1) }
    }

    /// A file another OGR driver claims from its first bytes (the VRT driver, for "<OGRVRTDataSource" in a
    /// property) is left to OGR, which then reads it as that driver would (found by fuzz-geojson: the reader
    /// took a file OGR refuses).
    @Test func filesAnotherDriverClaimsAreLeftToOGR() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text =
            #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"note": "<OGRVRTDataSource>"}, "geometry": null}]}"#
        let path = try Self.write(folder, "vrt-like.geojson", text)
        #expect(VectorDataset.identifyDriver(path) == "OGR_VRT")
        #expect(throws: GeoJSONNotSimple.self) { try GeoJSONReader.read(path: path, threads: 1) }
        #expect(throws: (any Error).self) { try Self.ogr(path) }
        // The same file without the marker is the reader's, and OGR agrees it is GeoJSON.
        let plain = try Self.write(
            folder, "plain.geojson", text.replacingOccurrences(of: "<OGRVRTDataSource>", with: "vrt"))
        #expect(VectorDataset.identifyDriver(plain) == "GeoJSON")
        try Self.expectSame(plain)
    }

    /// An escaped code point whose low 16 bits look like a surrogate (U+1D800–U+1DFFF, …) is left to OGR, whose
    /// JSON parser (json-c 0.16) turns it into U+FFFD; the same text unescaped, or any other pair, is read as
    /// OGR reads it (found by fuzz-geojson with a fixed seed).
    @Test func escapesJSONCReplacesAreLeftToOGR() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func file(_ name: String, _ text: String) throws -> String {
            try Self.write(
                folder, name,
                #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"t": "\#(text)"}, "geometry": null}]}"#
            )
        }
        for (i, escape) in [#"\ud836\udf33"#, #"\ud837\udc00"#, #"\ud876\udc00"#, #"\udbf7\udfff"#].enumerated() {
            let path = try file("replaced-\(i).geojson", escape)
            #expect(throws: GeoJSONNotSimple.self) { try GeoJSONReader.read(path: path, threads: 1) }
            let slow = try Self.ogr(path)
            #expect(slow.attributes.first?.first == .string("\u{FFFD}"), "OGR replaces \(escape)")
        }
        for (i, text) in [#"\ud835\udf33"#, #"\ud838\udf33"#, #"\ud875\udfff"#, "\u{1DB33}"].enumerated() {
            try Self.expectSame(try file("kept-\(i).geojson", text))
        }
    }

    /// A numeric property with an empty name gives OGR its feature ids, as a numeric `id` does: left to OGR
    /// (found by fuzz-geojson, seed 1); text under an empty name is an ordinary field.
    @Test func aNumericPropertyWithAnEmptyNameIsLeftToOGR() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.write(
            folder, "empty-key.geojson",
            #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"n": "a", "": 2}, "geometry": null}]}"#
        )
        #expect(throws: GeoJSONNotSimple.self) { try GeoJSONReader.read(path: path, threads: 1) }
        #expect(try Self.ogr(path).labels == ["2"])
        try Self.expectSame(
            try Self.write(
                folder, "empty-key-text.geojson",
                #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"n": "a", "": "x"}, "geometry": null}]}"#
            ))
    }

    @Test func dateLikeText() {
        #expect(GeoJSONReader.looksLikeDateOrTime("2024-01-05") && GeoJSONReader.looksLikeDateOrTime("12:30:00"))
        #expect(GeoJSONReader.looksLikeDateOrTime("5/1/2024") && GeoJSONReader.looksLikeDateOrTime(" 2024-01-05"))
        #expect(
            !GeoJSONReader.looksLikeDateOrTime("P-0001") && !GeoJSONReader.looksLikeDateOrTime("12")
                && !GeoJSONReader.looksLikeDateOrTime(""))
    }
}
