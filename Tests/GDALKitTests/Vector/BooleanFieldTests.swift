import Foundation
import GDALKit
import Testing
import TestSupport

@Suite struct BooleanFieldTests {
    @Test(arguments: ["GPKG", "GeoJSON"])
    func aBooleanColumnIsReadBackAsBoolean(driver: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file(driver == "GPKG" ? "t.gpkg" : "t.geojson")
        let ds = try VectorDataset.create(path, driverName: driver)
        let layer = try ds.createLayer(name: "t", spatialReference: try SpatialReference(epsg: 4326))
        let fields: [FieldDefinition] = [
            .boolean("flag"), FieldDefinition(name: "count", type: .integer), FieldDefinition(name: "x", type: .real)
        ]
        for f in fields { try layer.createField(f) }
        try layer.addFeature(values: [.integer(1), .integer(7), .real(0.5)], geometry: nil)
        try layer.addFeature(values: [.integer(0), .integer(8), .real(1.5)], geometry: nil)
        try ds.close()
        if driver == "GeoJSON" {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("\"flag\": true") && text.contains("\"flag\": false"), "\(text)")
        }

        let back = try VectorDataset.open(path)
        let read = try back.layer(at: 0)
        #expect(read.fields == fields)
        #expect(try read.features().map { $0.value(at: 0) } == [.integer(1), .integer(0)])
    }
}
