import Foundation
import GDALKit
import Testing
import TestSupport

/// Runs that used to give wrong figures with exit 0: now each is an error, or a partial result that says why in
/// every output.
@Suite struct NoSilentWrongResultTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
    static let scl = ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif")
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")
    static let bands = ["--raster", stack, "--red", "B04", "--nir", "B08"]
    /// A parcel inside the sample scene, in UTM zone 47N coordinates, and one in longitude/latitude.
    static let insideUTM = VectorFixture.rect(600_500, 1_598_500, 600_700, 1_598_700)
    static let insideLonLat = VectorFixture.rect(99.93, 14.45, 99.935, 14.455)

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    static let cases: [CLICase] = [
        CLICase(
            name: "Sentinel-2 digital numbers without scaling",
            arguments: { f in
                ["estimate"] + bands + ["--parcels", parcels, "--out", f.file("o.csv")]
            }, status: 2, mentions: ["sentinel2_l2a_stack.tif", "holds integers", "--sensor", "--scale 1"]),
        CLICase(
            name: "no parcel overlaps the raster",
            arguments: { f in
                try VectorFixture.geojson(
                    f.file("far.geojson"), crs: "EPSG:4326",
                    features: [
                        .init(
                            properties: [("parcel_id", "\"a\"")], polygons: [[VectorFixture.rect(10, 10, 10.01, 10.01)]]
                        )
                    ])
                return ["estimate"] + bands + [
                    "--scale", "1", "--parcels", f.file("far.geojson"), "--out", f.file("o.csv")
                ]
            }, status: 2,
            mentions: ["far.geojson", "none of its 1 parcels overlaps the raster", "sentinel2_l2a_stack.tif"]),
        CLICase(
            name: "a layer of points",
            arguments: { f in
                try VectorFixture.geojson(
                    f.file("points.geojson"), crs: "EPSG:4326",
                    features: [
                        .init(
                            properties: [("parcel_id", "\"a\"")],
                            geometryJSON: "{\"type\": \"Point\", \"coordinates\": [99.93, 14.45]}"),
                        .init(
                            properties: [("parcel_id", "\"b\"")],
                            geometryJSON: "{\"type\": \"Point\", \"coordinates\": [99.94, 14.45]}")
                    ])
                return ["estimate"] + bands + [
                    "--scale", "1", "--parcels", f.file("points.geojson"), "--out", f.file("o.csv")
                ]
            }, status: 2, mentions: ["points.geojson", "POINT geometries, not polygons", "buffer", "calibrate"]),
        CLICase(
            name: "projected coordinates in a GeoJSON without crs",
            arguments: { f in
                try VectorFixture.geojson(
                    f.file("utm.geojson"), crs: nil,
                    features: [
                        .init(properties: [("parcel_id", "\"a\"")], polygons: [[insideUTM]]),
                        .init(properties: [("parcel_id", "\"b\"")], polygons: [[insideUTM]])
                    ])
                return ["estimate"] + bands + [
                    "--scale", "1", "--parcels", f.file("utm.geojson"), "--out", f.file("o.csv")
                ]
            }, status: 2, mentions: ["utm.geojson", "outside longitude/latitude range", "--assume-parcels-crs"]),
        CLICase(
            name: "parcels over --max-memory",
            arguments: { f in
                let features = (0..<1000).map(Self.smallParcel)
                try VectorFixture.geojson(f.file("many.geojson"), crs: "EPSG:4326", features: features)
                return ["estimate"] + bands + [
                    "--scale", "1", "--parcels", f.file("many.geojson"), "--max-memory", "1M", "--out", f.file("o.csv")
                ]
            }, status: 2, mentions: ["many.geojson", "memory limit of 1 MiB", "--max-memory"]),
        CLICase(
            name: "a bad --max-memory",
            arguments: { f in
                ["estimate"] + bands + [
                    "--scale", "1", "--parcels", parcels, "--max-memory", "lots", "--out", f.file("o.csv")
                ]
            }, status: 1, mentions: ["--max-memory", "'lots'"])
    ]

    /// The i-th of a grid of 5 m parcels inside the sample scene.
    static func smallParcel(_ i: Int) -> VectorFixture.Feature {
        let x = 99.93 + Double(i % 40) * 1e-4, y = 14.45 + Double(i / 40) * 1e-4
        return VectorFixture.Feature(
            properties: [("parcel_id", "\"p\(i)\"")],
            polygons: [[VectorFixture.rect(x, y, x + 5e-5, y + 5e-5)]])
    }

    @Test(arguments: cases)
    func failsClearly(_ c: CLICase) throws {
        try c.check { Issue.record(Comment(rawValue: $0)) }
    }

    @Test func projectedCoordinatesWorkWithAnAssumedCRSInEveryFormat() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let geojson = try VectorFixture.geojson(
            folder.file("utm.geojson"), crs: nil,
            features: [
                .init(properties: [("parcel_id", "\"a\"")], polygons: [[Self.insideUTM]])
            ])
        let gpkg = try VectorFixture.convert(geojson, to: folder.file("utm.gpkg"), driver: "GPKG", withCRS: false)
        let shp = try VectorFixture.convert(
            geojson, to: folder.file("utm.shp"), driver: "ESRI Shapefile", withCRS: false)
        for path in [geojson, gpkg, shp] {
            let out = folder.file(URL(fileURLWithPath: path).pathExtension + "-o.json")
            let r = try VerdantBinary.run(
                ["estimate"] + Self.bands + [
                    "--scale", "1", "--parcels", path,
                    "--assume-parcels-crs", "EPSG:32647", "--out", out, "--quiet"
                ])
            #expect(r.status == 0, "\(path): \(r.stderr)")
            let rows = try Self.json(out)["parcels"] as? [[String: Any]] ?? []
            #expect(abs((rows.first?["covered_ha"] as? Double ?? 0) - 4) < 1e-9, "\(path): 200 m × 200 m is 4 ha")
        }
    }

    @Test func parcelsPartlyOutsideGiveAPartialResultThatSaysSo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:4326",
            features: [
                .init(properties: [("parcel_id", "\"in\"")], polygons: [[Self.insideLonLat]]),
                .init(properties: [("parcel_id", "\"out\"")], polygons: [[VectorFixture.rect(10, 10, 10.01, 10.01)]])
            ])
        let out = folder.file("o.json"), report = folder.file("r.html"), summary = folder.file("s.md")
        let r = try VerdantBinary.run(
            ["estimate"] + Self.bands + [
                "--scale", "1", "--parcels", folder.file("p.geojson"),
                "--out", out, "--report", report, "--summary", summary, "--json"
            ])
        #expect(r.status == 3, "\(r.stderr)")
        let o = try Self.json(out)
        let warnings = o["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.contains("1 of 2 parcels lie wholly outside the raster") }, "\(warnings)")
        let rows = o["parcels"] as? [[String: Any]] ?? []
        #expect(rows.count == 2)
        #expect((rows.last?["notes"] as? [String] ?? []).contains { $0.hasPrefix("outside the raster") })
        let printed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(printed["outside_parcels"] as? [String] == ["out"] && printed["exit_code"] as? Int == 3)
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("lie wholly outside the raster"))
        #expect(try String(contentsOfFile: summary, encoding: .utf8).contains("lie wholly outside the raster"))
        // The vector formats carry the warnings in their layer description.
        for ext in ["geojson", "gpkg"] {
            let path = folder.file("o.\(ext)")
            let v = try VerdantBinary.run(
                ["estimate"] + Self.bands + [
                    "--scale", "1", "--parcels", folder.file("p.geojson"),
                    "--out", path, "--quiet"
                ])
            #expect(v.status == 3, "\(v.stderr)")
            let text =
                ext == "geojson"
                ? try String(contentsOfFile: path, encoding: .utf8)
                : try VectorDataset.open(path).layer(at: 0).metadataItem("DESCRIPTION") ?? ""
            #expect(text.contains("lie wholly outside the raster"), "\(ext)")
        }
    }

    @Test func everyWarningReachesEveryOutputAndMasksAreThoseApplied() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // No --model: the illustrative model's warning; no quality layer: no mask stated.
        let r = try VerdantBinary.run(
            ["estimate"] + Self.bands + [
                "--scale", "0.0001", "--offset", "-0.1",
                "--parcels", Self.parcels, "--out", folder.file("o.json"),
                "--report", folder.file("r.html"), "--summary", folder.file("s.md")
            ])
        #expect(r.status == 0, "\(r.stderr)")
        let warning = "the model is the illustrative example-linear"
        #expect(r.stderr.components(separatedBy: warning).count == 2, "once on stderr: \(r.stderr)")
        let o = try Self.json(folder.file("o.json"))
        #expect((o["warnings"] as? [String] ?? []).contains { $0.contains(warning) })
        let html = try String(contentsOfFile: folder.file("r.html"), encoding: .utf8)
        #expect(html.contains(warning))
        #expect(try String(contentsOfFile: folder.file("s.md"), encoding: .utf8).contains(warning))
        #expect(!html.contains("SCL classes") && !html.contains("QA_PIXEL bits"), "no quality layer was applied")
        let parameters = (o["run"] as? [String: Any])?["parameters"] as? [String: Any] ?? [:]
        #expect(parameters["scl_exclude"] is NSNull && parameters["qa_exclude_bits"] is NSNull)
        let raster = (o["run"] as? [String: Any])?["raster"] as? [String: Any] ?? [:]
        #expect(raster["scaling_origin"] as? String == "user")
        // With the SCL layer the report states its classes.
        let s = try VerdantBinary.run(
            ["estimate"] + Self.bands + [
                "--sensor", "sentinel2-l2a", "--baseline", "05.09",
                "--band", "scl=\(Self.scl)", "--model", "linear:-30,250",
                "--parcels", Self.parcels, "--out", folder.file("o2.json"), "--report", folder.file("r2.html")
            ])
        #expect(s.status == 0, "\(s.stderr)")
        let html2 = try String(contentsOfFile: folder.file("r2.html"), encoding: .utf8)
        #expect(html2.contains("SCL classes 0, 1, 3, 8, 9, 10 excluded") && !html2.contains("QA_PIXEL bits"))
        let raster2 =
            (try Self.json(folder.file("o2.json"))["run"] as? [String: Any])?["raster"] as? [String: Any] ?? [:]
        #expect(raster2["scaling_origin"] as? String == "preset")
    }

    @Test func aParcelIDAttributeIsUsedWithoutIdField() throws {
        let r = try VerdantBinary.run(
            ["estimate"] + Self.bands + ["--scale", "1", "--parcels", Self.parcels, "--out", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        let header = r.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.hasPrefix("parcel_id,land_use,") && !header.contains("attr_parcel_id"), "\(header)")
        #expect(r.stdout.contains("\nP01,"))
        #expect(r.stderr.contains("parcel ids are taken from the attribute 'parcel_id'"))
    }
}
