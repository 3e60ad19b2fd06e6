import Foundation
import FoundationXML
import GDALKit
import Testing
import TestSupport

/// What QGIS users open: per-parcel tables typed alike in every format, styles beside every COG and in the
/// GeoPackage, band units and provenance in the GeoTIFF metadata.
@Suite struct QGISOutputsTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")
    static let input = [
        "--raster", stack, "--red", "B04", "--nir", "B08", "--scale", "0.0001", "--offset", "-0.1", "--model",
        "linear:-30,250", "--model-source", "test"
    ]

    /// The fields of the parcels layer of `path` and, per field, whether any feature has a value.
    static func fields(_ path: String) throws -> (fields: [FieldDefinition], valued: [Bool]) {
        let ds = try VectorDataset.open(path)
        let layer = ds.layerNames.contains("parcels") ? try ds.layer(named: "parcels") : try ds.layer(at: 0)
        let fields = layer.fields
        var valued = [Bool](repeating: false, count: fields.count)
        try layer.forEachFeature { f in
            for i in fields.indices where f.value(at: i) != .null && f.value(at: i) != .string("") { valued[i] = true }
        }
        return (fields, valued)
    }

    @Test func everyFormatReadsBackWithTheSameFieldTypes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for format in ["gpkg", "geojson", "csv"] {
            let r = try VerdantBinary.run(
                ["estimate"] + Self.input + [
                    "--parcels", Self.parcels, "--id-field", "parcel_id", "--out", folder.file("e.\(format)")
                ])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(folder.contents().contains("e.csvt"), "the CSV's column types beside it")
        let gpkg = try Self.fields(folder.file("e.gpkg"))
        let csv = try Self.fields(folder.file("e.csv"))
        let geojson = try Self.fields(folder.file("e.geojson"))
        #expect(csv.fields.map(\.name) == gpkg.fields.map(\.name))
        #expect(geojson.fields.map(\.name) == gpkg.fields.map(\.name))
        // GeoPackage and CSV (with its .csvt) agree on every column, also those without any value.
        #expect(csv.fields == gpkg.fields)
        let byName = Dictionary(uniqueKeysWithValues: gpkg.fields.map { ($0.name, $0) })
        #expect(byName["low_observed"] == .boolean("low_observed"))
        #expect(byName["factor_class"]?.type == .string)
        for name in ["parcel_ha", "agb_t", "co2e_t", "agb_t_lo90", "uncertainty_pct", "green_ha"] {
            #expect(byName[name]?.type == .real, "\(name)")
        }
        // Without a model uncertainty the interval columns have no value anywhere: still Real.
        let lo90 = try #require(gpkg.fields.firstIndex { $0.name == "agb_t_lo90" })
        #expect(!gpkg.valued[lo90])
        // GeoJSON agrees on every column that has a value; one that has none anywhere is read by OGR as String
        // (GeoJSON declares no types, and GDAL 3.6 types a property that is always null as String).
        for (i, field) in geojson.fields.enumerated() {
            if geojson.valued[i] {
                #expect(field == gpkg.fields[i], "\(field.name)")
            } else {
                #expect(field.type == .string || field == gpkg.fields[i], "\(field.name)")
            }
        }
        let text = try String(contentsOfFile: folder.file("e.geojson"), encoding: .utf8)
        #expect(text.contains("\"low_observed\": false") || text.contains("\"low_observed\": true"))
        #expect(!text.contains("\"low_observed\": 0") && !text.contains("\"low_observed\": 1"))
    }

    @Test func theGeoPackageCarriesTheParcelsStyle() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("e.gpkg")
        let r = try VerdantBinary.run(
            ["estimate"] + Self.input + ["--parcels", Self.parcels, "--id-field", "parcel_id", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let ds = try VectorDataset.open(out)
        #expect(ds.layerNames.sorted() == ["layer_styles", "parcels"], "registered in gpkg_contents")
        let styles = try ds.layer(named: "layer_styles")
        let names = styles.fields.map(\.name)
        #expect(
            names == [
                "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName", "styleQML",
                "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"
            ])
        let rows = try styles.features()
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        func value(_ name: String) -> FieldValue { row.value(at: names.firstIndex(of: name)!) }
        #expect(value("f_table_name") == .string("parcels"))
        #expect(value("f_geometry_column") == .string("geometry"))
        #expect(value("useAsDefault") == .integer(1))
        guard case .string(let qml) = value("styleQML") else {
            Issue.record("no QML")
            return
        }
        let document = try XMLDocument(xmlString: qml)
        #expect(try document.nodes(forXPath: "//labeling/settings/text-style[@fieldName='parcel_id']").count == 1)
        #expect(try document.nodes(forXPath: "//Option[@name='style'][@value='no']").count == 1, "outlined")
        // Verdant reads its own GeoPackage back as parcels: the style table is no parcel layer.
        let again = try VerdantBinary.run(
            ["estimate"] + Self.input + ["--parcels", out, "--id-field", "parcel_id", "--out", folder.file("f.csv")])
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func everyCOGHasItsStyleUnitsAndProvenance() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run(
            ["map"] + Self.input + [
                "--ndvi-out", folder.file("ndvi.tif"), "--agb-out", folder.file("agb.tif"), "--carbon-out",
                folder.file("co2e.tif"), "--green-out", folder.file("green.tif")
            ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            folder.contents() == [
                "agb.qml", "agb.tif", "co2e.qml", "co2e.tif", "green.qml", "green.tif", "ndvi.qml", "ndvi.tif"
            ])
        let expected: [(String, String, String, String)] = [
            ("ndvi", "NDVI", "1", "singlebandpseudocolor"), ("agb", "AGB", "t/ha", "singlebandpseudocolor"),
            ("co2e", "CO2e", "t CO2e/ha", "singlebandpseudocolor"), ("green", "green cover", "class", "paletted")
        ]
        for (name, description, unit, renderer) in expected {
            let ds = try Dataset.open(folder.file(name + ".tif"))
            let band = try ds.band(1)
            #expect(band.bandDescription.hasPrefix(description), "\(name)")
            #expect(band.unitType == unit, "\(name)")
            #expect(ds.metadataItem("VERDANT_COMMAND") == "map")
            #expect(ds.metadataItem("MODEL_SOURCE") == "test")
            #expect(ds.metadataItem("MODEL_FORMULA")?.contains("250") == true)
            let sha = ds.metadataItem("INPUT_SHA256") ?? ""
            #expect(sha.hasSuffix("  " + Self.stack) && sha.prefix(64).allSatisfy(\.isHexDigit), "\(sha)")
            let qml = try XMLDocument(data: try Data(contentsOf: URL(fileURLWithPath: folder.file(name + ".qml"))))
            let types = try qml.nodes(forXPath: "/qgis/pipe/rasterrenderer/@type").map { $0.stringValue ?? "" }
            #expect(types == [renderer], "\(name)")
        }
        let ndvi = try XMLDocument(data: try Data(contentsOf: URL(fileURLWithPath: folder.file("ndvi.qml"))))
        let range = try ndvi.nodes(forXPath: "//colorrampshader/@minimumValue | //colorrampshader/@maximumValue")
        #expect(range.compactMap { Double($0.stringValue ?? "") } == [-0.2, 0.9])
        let agb = try XMLDocument(data: try Data(contentsOf: URL(fileURLWithPath: folder.file("agb.qml"))))
        let labels = try agb.nodes(forXPath: "//colorrampshader/item/@label").map { $0.stringValue ?? "" }
        #expect(!labels.isEmpty && labels.allSatisfy { $0.hasSuffix(" t/ha") }, "\(labels)")
    }

    @Test func anExistingStyleIsNeverClobberedAndAFailedRunLeavesNoStyle() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "mine".write(toFile: folder.file("agb.qml"), atomically: true, encoding: .utf8)
        let r = try VerdantBinary.run(
            ["map"] + Self.input + ["--ndvi-out", folder.file("ndvi.tif"), "--agb-out", folder.file("agb.tif")])
        #expect(r.status != 0)
        #expect(r.stderr.contains("agb.qml") && r.stderr.contains("exists already"), "\(r.stderr)")
        #expect(folder.contents() == ["agb.qml"], "neither COG nor the other style")
        #expect(try String(contentsOfFile: folder.file("agb.qml"), encoding: .utf8) == "mine")
        let again = try VerdantBinary.run(
            ["map"] + Self.input + [
                "--ndvi-out", folder.file("ndvi.tif"), "--agb-out", folder.file("agb.tif"), "--force"
            ])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOfFile: folder.file("agb.qml"), encoding: .utf8).contains("singlebandpseudocolor"))
    }

    /// The fields of layer `name` of `path` (its only layer when nil).
    static func fields(_ path: String, layer name: String?) throws -> [FieldDefinition] {
        let ds = try VectorDataset.open(path)
        return try (name.map { try ds.layer(named: $0) } ?? ds.layer(at: 0)).fields
    }

    @Test func seriesTablesAreTypedAlikeInTheGeoPackageAndTheCSV() throws {
        let s = try SeriesFixture(dateCount: 5)
        defer { s.folder.remove() }
        let f = s.folder
        let gpkg = try VerdantBinary.run(
            s.series(SeriesCommandTests.model + ["--out", f.file("s.gpkg"), "--summary-out", f.file("p.gpkg")]))
        #expect(gpkg.status == 0, "\(gpkg.stderr)")
        let csv = try VerdantBinary.run(
            s.series(SeriesCommandTests.model + ["--out", f.file("s.csv"), "--summary-out", f.file("p.csv")]))
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(FileManager.default.fileExists(atPath: f.file("s.csvt")))
        #expect(FileManager.default.fileExists(atPath: f.file("p.csvt")))
        let rows = try Self.fields(f.file("s.gpkg"), layer: "series")
        #expect(try Self.fields(f.file("s.csv"), layer: nil) == rows)
        let summary = try Self.fields(f.file("p.gpkg"), layer: "parcels")
        #expect(try Self.fields(f.file("p.csv"), layer: nil) == summary)
        #expect(rows.first { $0.name == "low_observed" } == .boolean("low_observed"))
        #expect(rows.first { $0.name == "mean_ndvi" }?.type == .real)
        let styles = try VectorDataset.open(f.file("p.gpkg")).layer(named: "layer_styles")
        #expect(styles.featureCount == 1, "the parcels' default style")
        // A stale .csvt beside a new summary CSV is refused before any work; neither table is written.
        try Data("String\n".utf8).write(to: URL(fileURLWithPath: f.file("q.csvt")))
        let stale = try VerdantBinary.run(
            s.series(SeriesCommandTests.model + ["--out", f.file("t.csv"), "--summary-out", f.file("q.csv")]))
        #expect(stale.status != 0)
        #expect(stale.stderr.contains("q.csvt") && stale.stderr.contains("exists already"), "\(stale.stderr)")
        #expect(!FileManager.default.fileExists(atPath: f.file("t.csv")))
        #expect(!FileManager.default.fileExists(atPath: f.file("q.csv")))
    }

    @Test func creditsCSVIsTyped() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("c.csv")
        let r = try VerdantBinary.run([
            "credits", "--t0-raster", Self.stack, "--t1-raster", Self.stack, "--red", "B04", "--nir", "B08",
            "--scale", "0.0001", "--offset", "-0.1", "--parcels", Self.parcels, "--id-field", "parcel_id",
            "--model", "linear:-30,250", "--out", out
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(folder.contents() == ["c.csv", "c.csvt"])
        // A stale .csvt without its CSV is refused before any work, and nothing is written.
        try FileManager.default.removeItem(atPath: out)
        let stale = try VerdantBinary.run([
            "credits", "--t0-raster", Self.stack, "--t1-raster", Self.stack, "--red", "B04", "--nir", "B08",
            "--scale", "0.0001", "--offset", "-0.1", "--parcels", Self.parcels, "--id-field", "parcel_id",
            "--model", "linear:-30,250", "--out", out
        ])
        #expect(stale.status != 0)
        #expect(stale.stderr.contains("c.csvt") && stale.stderr.contains("exists already"), "\(stale.stderr)")
        #expect(folder.contents() == ["c.csvt"])
        try FileManager.default.removeItem(atPath: folder.file("c.csvt"))
        _ = try VerdantBinary.run([
            "credits", "--t0-raster", Self.stack, "--t1-raster", Self.stack, "--red", "B04", "--nir", "B08",
            "--scale", "0.0001", "--offset", "-0.1", "--parcels", Self.parcels, "--id-field", "parcel_id",
            "--model", "linear:-30,250", "--out", out
        ])
        let fields = try Self.fields(out, layer: nil)
        #expect(fields.first { $0.name == "excluded" } == .boolean("excluded"))
        #expect(fields.first { $0.name == "parcel_id" }?.type == .string)
        #expect(fields.first { $0.name == "change_halfwidth90" }?.type == .real)
        #expect(fields.filter { $0.type == .real }.count == fields.count - 3, "every figure is Real")
    }

    @Test func aCompositeHasItsStylesUnitsAndProvenance() throws {
        let s = try SeriesFixture(dateCount: 4)
        defer { s.folder.remove() }
        let out = s.folder.file("c.tif"), count = s.folder.file("n.tif")
        let r = try VerdantBinary.run(
            CompositeCommandTests.composite(s, ["--method", "median", "--out", out, "--count-out", count]))
        #expect(r.status == 0, "\(r.stderr)")
        let ds = try Dataset.open(out)
        let names = try ds.bands().map(\.bandDescription)
        let ndviBand = try #require(names.firstIndex(of: "ndvi"))
        #expect(try ds.band(ndviBand + 1).unitType == "1", "\(names)")
        #expect(ds.metadataItem("VERDANT_COMMAND") == "composite")
        #expect(ds.metadataItem("INPUT_SHA256")?.contains(s.datesCSV) == true)
        let qml = try XMLDocument(data: try Data(contentsOf: URL(fileURLWithPath: s.folder.file("c.qml"))))
        let band = try qml.nodes(forXPath: "/qgis/pipe/rasterrenderer/@band").map { $0.stringValue ?? "" }
        #expect(band == ["\(ndviBand + 1)"], "the index band is shown")
        #expect(try Dataset.open(count).band(1).unitType == "dates")
        let counts = try XMLDocument(data: try Data(contentsOf: URL(fileURLWithPath: s.folder.file("n.qml"))))
        let top = try counts.nodes(forXPath: "//colorrampshader/@maximumValue").map { $0.stringValue ?? "" }
        #expect(top.compactMap(Double.init) == [4], "from 0 to the number of dates")
    }
}
