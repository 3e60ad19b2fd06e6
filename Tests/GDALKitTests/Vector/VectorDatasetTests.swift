import Foundation
import GDALKit
import TestSupport
import Testing

@Suite struct VectorDatasetTests {
    @Test func aGeoJSONLayerGivesItsFieldsFeaturesAndGeometry() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:32647",
            features: [
                .init(
                    properties: [("name", "\"a\""), ("n", "3"), ("x", "1.5")],
                    polygons: [[VectorFixture.rect(0, 0, 10, 20)]]),
                .init(properties: [("name", "\"b\""), ("n", "null"), ("x", "2.5")], polygons: nil)
            ])
        #expect(VectorDataset.identifyDriver(path) == "GeoJSON")
        let ds = try VectorDataset.open(path)
        #expect(ds.driverName == "GeoJSON" && ds.layerCount == 1 && ds.layerNames == ["p"])
        let layer = try ds.layer(at: 0)
        #expect(try ds.layer(named: "p").name == "p")
        #expect(layer.featureCount == 2 && layer.spatialReference?.authorityCode == "EPSG:32647")
        #expect(
            layer.fields == [
                FieldDefinition(name: "name", type: .string), FieldDefinition(name: "n", type: .integer),
                FieldDefinition(name: "x", type: .real)
            ])
        let features = try layer.features()
        #expect(
            features.map(\.values) == [[.string("a"), .integer(3), .real(1.5)], [.string("b"), .null, .real(2.5)]])
        #expect(features.map { $0.values.map(\.description) } == [["a", "3", "1.5"], ["b", "", "2.5"]])
        let geometry = try #require(features[0].geometry())
        #expect(geometry.area == 200 && geometry.isPolygonal && geometry.isValid && !geometry.isEmpty)
        #expect(features[1].geometry() == nil)
        #expect(throws: GDALError.self) { try ds.layer(named: "q") }
        #expect(throws: GDALError.self) { try VectorDataset.open(folder.file("none.geojson")) }
    }

    @Test func geometriesRoundTripThroughWKBAndAreRepaired() throws {
        let square = try Geometry(wkt: "POLYGON ((0 0,2 0,2 2,0 2,0 0))")
        #expect(square.typeName == "POLYGON" && square.area == 4)
        #expect(try Geometry(wkb: square.wkb).wkt == square.wkt)
        #expect(square.multiPolygon().typeName == "MULTIPOLYGON")
        let bowtie = try Geometry(wkt: "POLYGON ((0 0,2 2,2 0,0 2,0 0))")
        #expect(!bowtie.isValid)
        let repaired = try bowtie.makeValid()
        #expect(repaired.isValid && abs(repaired.area - 2) < 1e-12, "two triangles of area 1")
        let made = Geometry(multiPolygon: [[[(x: 0, y: 0), (x: 3, y: 0), (x: 3, y: 1), (x: 0, y: 1), (x: 0, y: 0)]]])
        #expect(made.area == 3 && made.polygons().droppedParts == 0 && made.polygons().polygons.count == 1)
        #expect(throws: GDALError.self) { try Geometry(wkt: "POLYGON ((0 0") }
    }
}
