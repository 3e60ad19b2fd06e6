import Foundation
import FoundationXML
import Testing
import Verdant

@Suite struct QGISStyleTests {
    /// The attributes of the elements at `path` in `qml`, which must be well-formed XML.
    static func elements(_ qml: String, _ path: String) throws -> [[String: String]] {
        let document = try XMLDocument(xmlString: qml)
        return try document.nodes(forXPath: path).compactMap { node in
            guard let element = node as? XMLElement else { return nil }
            var attributes: [String: String] = [:]
            for a in element.attributes ?? [] { attributes[a.name ?? ""] = a.stringValue ?? "" }
            return attributes
        }
    }

    @Test func ndviIsViridisFromMinus02To09() throws {
        let qml = QGISStyle.qml(.index("ndvi"))
        let renderer = try #require(try Self.elements(qml, "/qgis/pipe/rasterrenderer").first)
        #expect(renderer["type"] == "singlebandpseudocolor")
        #expect(renderer["band"] == "1")
        let shader = try #require(try Self.elements(qml, "//rastershader/colorrampshader").first)
        #expect(Double(shader["minimumValue"] ?? "") == -0.2)
        #expect(Double(shader["maximumValue"] ?? "") == 0.9)
        let items = try Self.elements(qml, "//colorrampshader/item")
        #expect(items.count == QGISStyle.Ramp.viridis.stops.count)
        #expect(items.first?["color"] == "#440154", "viridis starts dark purple")
        #expect(items.last?["color"] == "#fde725", "and ends yellow")
        #expect(Double(items.first?["value"] ?? "") == -0.2)
        #expect(Double(items.last?["value"] ?? "") == 0.9)
    }

    @Test func densityRampsStateTheirUnitAndARoundMaximum() throws {
        let qml = QGISStyle.qml(.density(maximum: 187.5, unit: "t CO2e/ha"))
        let shader = try #require(try Self.elements(qml, "//colorrampshader").first)
        #expect(shader["minimumValue"].flatMap(Double.init) == 0)
        #expect(shader["maximumValue"].flatMap(Double.init) == 200, "187.5 rounds up to 200")
        let items = try Self.elements(qml, "//colorrampshader/item")
        #expect(!items.isEmpty)
        for item in items { #expect(item["label"]?.hasSuffix(" t CO2e/ha") == true, "\(item)") }
        #expect(items.last?["label"] == "200 t CO2e/ha")
        let legend = try #require(try Self.elements(qml, "//rampLegendSettings").first)
        #expect(legend["suffix"] == " t CO2e/ha")
    }

    @Test func aPalettedStyleListsEveryClass() throws {
        let qml = QGISStyle.qml(palette: [
            .init(value: 0, label: "not green", red: 189, green: 189, blue: 189),
            .init(value: 1, label: "green & <lush>", red: 35, green: 132, blue: 67)
        ])
        #expect(try Self.elements(qml, "/qgis/pipe/rasterrenderer").first?["type"] == "paletted")
        let entries = try Self.elements(qml, "//colorPalette/paletteEntry")
        #expect(entries.map { $0["value"] } == ["0", "1"])
        #expect(entries.map { $0["label"] } == ["not green", "green & <lush>"], "labels are escaped and read back")
        #expect(entries.map { $0["color"] } == ["#bdbdbd", "#238443"])
    }

    @Test func parcelsAreOutlinedAndLabelledById() throws {
        let qml = QGISStyle.parcels(idField: "parcel_id")
        #expect(try Self.elements(qml, "/qgis").first?["labelsEnabled"] == "1")
        let options = try Self.elements(qml, "//symbol/layer[@class='SimpleFill']/Option/Option")
        let byName = Dictionary(options.map { ($0["name"] ?? "", $0["value"] ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(byName["style"] == "no", "not filled")
        #expect(byName["outline_style"] == "solid")
        #expect(try Self.elements(qml, "//labeling/settings/text-style").first?["fieldName"] == "parcel_id")
    }

    @Test func theStyleIsBesideTheRasterWithTheQMLExtension() {
        #expect(QGISStyle.path(beside: "/a/b/agb.tif") == "/a/b/agb.qml")
        #expect(QGISStyle.path(beside: "map.v2.tiff") == "map.v2.qml")
    }
}
