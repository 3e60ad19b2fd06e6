import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

@Suite struct ParcelLoaderTests {
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")

    static func grid() throws -> RasterGrid {
        try ResolvedInputs.resolve(
            .stacked(
                path: ProjectRoot.sample("sentinel2_l2a_stack.tif"), red: .index(3), nir: .index(4), scaling: .identity),
            roles: [.red, .nir]
        ).grid
    }

    @Test(arguments: [("GPKG", "gpkg"), ("ESRI Shapefile", "shp"), ("FlatGeobuf", "fgb")])
    func readsEveryCommonFormatTheSame(driver: String, ext: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try VectorFixture.convert(Self.parcels, to: folder.file("parcels.\(ext)"), driver: driver)
        let grid = try Self.grid()
        let a = try ParcelLoader.load(ParcelSource(path: Self.parcels, idField: "parcel_id"), onto: grid)
        let b = try ParcelLoader.load(ParcelSource(path: path, idField: "parcel_id"), onto: grid)
        // FlatGeobuf's spatial index reorders features: match parcels by id.
        #expect(a.parcels.map(\.id).sorted() == b.parcels.map(\.id).sorted())
        let areas = Dictionary(uniqueKeysWithValues: b.parcels.map { ($0.id, $0.geometry.area) })
        for p in a.parcels {
            #expect(abs(p.geometry.area - areas[p.id]!) <= 1e-9 * p.geometry.area)
        }
    }

    @Test func layerIsChosenByName() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A GeoPackage with two layers.
        let two = folder.file("two.gpkg")
        let out = try VectorDataset.create(two, driverName: "GPKG")
        for name in ["plots", "farms"] {
            let src = try VectorDataset.open(Self.parcels).layer(at: 0)
            let l = try out.createLayer(name: name, spatialReference: src.spatialReference)
            for f in src.fields { try l.createField(f) }
            for (k, feature) in try src.features().enumerated() where name == "plots" || k < 2 {
                try l.addFeature(values: feature.values, geometry: feature.geometry())
            }
        }
        try out.close()
        let grid = try Self.grid()
        #expect(
            try ParcelLoader.load(ParcelSource(path: two, layer: "farms", idField: "parcel_id"), onto: grid).parcels
                .count == 2)
        #expect(
            try ParcelLoader.load(ParcelSource(path: two, layer: "plots", idField: "parcel_id"), onto: grid).parcels
                .count == 9)
        #expect(throws: VerdantError.self) { try ParcelLoader.load(ParcelSource(path: two), onto: grid) }
        do {
            _ = try ParcelLoader.load(ParcelSource(path: two, layer: "nope"), onto: grid)
        } catch let e as VerdantError {
            #expect(e.description.contains("no layer 'nope'") && e.description.contains("plots, farms"))
        }
    }

    @Test func defaultIdIsAParcelIDAttributeElseTheFeatureId() throws {
        // Without --id-field, an attribute named parcel_id (or id) with distinct values gives the ids, and says so.
        let layer = try ParcelLoader.load(ParcelSource(path: Self.parcels), onto: try Self.grid())
        #expect(layer.parcels.map(\.id) == (1...9).map { String(format: "P%02d", $0) })
        #expect(layer.idField == "parcel_id")
        #expect(layer.warnings.contains { $0.contains("taken from the attribute 'parcel_id'") })
        // With no such attribute (or one with repeated values) the ids are the feature ids.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let a = VectorFixture.rect(99.93, 14.45, 99.935, 14.455), b = VectorFixture.rect(99.94, 14.45, 99.945, 14.455)
        try VectorFixture.geojson(
            folder.file("plain.geojson"), crs: "EPSG:4326",
            features: [
                .init(properties: [("name", "\"x\"")], polygons: [[a]]),
                .init(properties: [("name", "\"y\"")], polygons: [[b]])
            ])
        let plain = try ParcelLoader.load(ParcelSource(path: folder.file("plain.geojson")), onto: try Self.grid())
        #expect(plain.parcels.map(\.id) == ["0", "1"] && plain.idField == nil)
        try VectorFixture.geojson(
            folder.file("repeated.geojson"), crs: "EPSG:4326",
            features: [
                .init(properties: [("parcel_id", "\"x\"")], polygons: [[a]]),
                .init(properties: [("parcel_id", "\"x\"")], polygons: [[b]])
            ])
        let repeated = try ParcelLoader.load(ParcelSource(path: folder.file("repeated.geojson")), onto: try Self.grid())
        #expect(repeated.parcels.map(\.id) == ["0", "1"] && repeated.idField == nil)
        #expect(repeated.warnings.contains { $0.contains("repeated values") })
    }

    @Test func badInputs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let grid = try Self.grid()
        func message(_ source: ParcelSource) -> String {
            do { _ = try ParcelLoader.load(source, onto: grid); return "no error" } catch { return "\(error)" }
        }
        #expect(message(ParcelSource(path: folder.file("missing.geojson"))).contains("no such file"))
        try "hello".write(toFile: folder.file("notes.txt"), atomically: true, encoding: .utf8)
        #expect(message(ParcelSource(path: folder.file("notes.txt"))).contains("not a vector file"))
        let m = message(ParcelSource(path: Self.parcels, idField: "plot"))
        #expect(m.contains("no field 'plot'") && m.contains("parcel_id, land_use"))
        try VectorFixture.geojson(folder.file("empty.geojson"), crs: "EPSG:4326", features: [])
        #expect(message(ParcelSource(path: folder.file("empty.geojson"))).contains("no features"))
        // A shapefile without .prj has no CRS.
        let shp = try VectorFixture.convert(Self.parcels, to: folder.file("nocrs.shp"), driver: "ESRI Shapefile")
        try FileManager.default.removeItem(atPath: folder.file("nocrs.prj"))
        #expect(message(ParcelSource(path: shp)).contains("has no CRS"))
        #expect(message(ParcelSource(path: shp, assumedCRS: "EPSG:4326")) == "no error")
        let nullID = try VectorFixture.geojson(
            folder.file("nullid.geojson"), crs: "EPSG:4326",
            features: [
                .init(properties: [("id", "null")], polygons: [[VectorFixture.rect(99.9, 14.4, 99.91, 14.41)]])
            ])
        #expect(message(ParcelSource(path: nullID, idField: "id")).contains("no value in id field"))
    }
}
