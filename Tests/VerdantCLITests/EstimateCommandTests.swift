import Foundation
import GDALKit
import Testing
import TestSupport

@Suite struct EstimateCommandTests {
    static let base = [
        "estimate", "--raster", ProjectRoot.sample("sentinel2_l2a_stack.tif"), "--red", "B04", "--nir", "B08",
        "--scale", "0.0001", "--offset", "-0.1", "--parcels", ProjectRoot.sample("sentinel2_parcels.geojson"),
        "--id-field", "parcel_id", "--model", "linear:-30,250"
    ]
    static let header =
        "parcel_id,land_use,parcel_ha,covered_ha,observed_ha,unobserved_fraction,mean_ndvi,agb_t,agb_t_per_ha,carbon_t,co2e_t,cloud_fraction,nodata_fraction,masked_fraction,agb_t_filled,co2e_t_filled,low_observed,factor_class,root_shoot,carbon_fraction,agb_t_lo90,agb_t_hi90,co2e_t_lo90,co2e_t_hi90,uncertainty_pct,green_ha,green_fraction,notes"

    @Test func csvOnStandardOutput() throws {
        let r = try VerdantBinary.run(Self.base + ["--out", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first.map(String.init) == Self.header)
        #expect(lines.count == 10)
    }

    @Test(arguments: ["csv", "json", "geojson", "gpkg"])
    func writesEachFormat(ext: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("parcels.\(ext)")
        let r = try VerdantBinary.run(Self.base + ["--out", out, "--root-shoot", "0.27", "--threads", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("CO2e:") && r.stdout.contains("not issued"))
        #expect(folder.contents() == ["parcels.\(ext)"] + (ext == "csv" ? ["parcels.csvt"] : []), "CSV: and its types")
        switch ext {
        case "csv":
            #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix(Self.header + "\n"))
        case "json":
            let o =
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
            let run = o["run"] as! [String: Any]
            #expect((run["parameters"] as! [String: Any])["root_shoot"] as? Double == 0.27)
            #expect((o["parcels"] as! [Any]).count == 9)
        default:
            let layer = try VectorDataset.open(out).layer(at: 0)
            #expect(layer.fields.map(\.name).joined(separator: ",") == Self.header)
            #expect(layer.featureCount == 9)
        }
    }

    @Test func sameNumbersForOneAndEightThreads() throws {
        let a = try VerdantBinary.run(Self.base + ["--out", "-", "--threads", "1", "--tile-size", "128"])
        let b = try VerdantBinary.run(Self.base + ["--out", "-", "--threads", "8", "--tile-size", "128"])
        #expect(a.status == 0 && a.stdout == b.stdout)
    }

    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
    static func job(_ parcels: String, _ extra: [String] = [], out: String) -> [String] {
        ["estimate", "--raster", stack, "--red", "3", "--nir", "4", "--scale", "1", "--parcels", parcels, "--out", out]
            + extra
    }

    static let cases: [CLICase] = [
        CLICase(
            name: "missing parcels", arguments: { f in job("/nonexistent/p.geojson", out: f.file("o.csv")) },
            status: 2, mentions: ["/nonexistent/p.geojson", "no such file"]),
        CLICase(
            name: "parcels not a vector",
            arguments: { f in
                try "x".write(toFile: f.file("p.txt"), atomically: true, encoding: .utf8)
                return job(f.file("p.txt"), out: f.file("o.csv"))
            }, status: 2, mentions: ["p.txt", "not a vector"]),
        CLICase(
            name: "missing id field",
            arguments: { f in
                job(ProjectRoot.sample("sentinel2_parcels.geojson"), ["--id-field", "plot"], out: f.file("o.csv"))
            }, status: 2, mentions: ["sentinel2_parcels.geojson", "no field 'plot'"]),
        CLICase(
            name: "unknown layer",
            arguments: { f in
                job(ProjectRoot.sample("sentinel2_parcels.geojson"), ["--layer", "farms"], out: f.file("o.gpkg"))
            }, status: 2, mentions: ["no layer 'farms'"]),
        CLICase(
            name: "empty layer",
            arguments: { f in
                try VectorFixture.geojson(f.file("e.geojson"), crs: "EPSG:4326", features: [])
                return job(f.file("e.geojson"), out: f.file("o.json"))
            }, status: 2, mentions: ["e.geojson", "no features"]),
        CLICase(
            name: "parcels without CRS",
            arguments: { f in
                let shp = try VectorFixture.convert(
                    ProjectRoot.sample("sentinel2_parcels.geojson"), to: f.file("p.shp"), driver: "ESRI Shapefile")
                try FileManager.default.removeItem(atPath: f.file("p.prj"))
                return job(shp, out: f.file("o.csv"))
            }, status: 2, mentions: ["p.shp", "no CRS", "--assume-parcels-crs"]),
        CLICase(
            name: "raster without CRS",
            arguments: { f in
                let r = try RasterFixture.write(
                    f.file("r.tif"), width: 4, height: 4, type: .uInt16,
                    bands: [[Double](repeating: 1, count: 16), [Double](repeating: 2, count: 16)], epsg: nil)
                return [
                    "estimate", "--raster", r, "--red", "1", "--nir", "2", "--scale", "1", "--parcels",
                    ProjectRoot.sample("sentinel2_parcels.geojson"), "--out", f.file("o.csv")
                ]
            }, status: 2, mentions: ["r.tif", "no CRS", "--assume-crs"]),
        CLICase(
            name: "unknown output format",
            arguments: { f in job(ProjectRoot.sample("sentinel2_parcels.geojson"), out: f.file("o.xlsx")) },
            status: 1, mentions: ["o.xlsx", ".csv, .json, .geojson, .gpkg"]),
        CLICase(
            name: "output over the parcels",
            arguments: { f in
                try FileManager.default.copyItem(
                    atPath: ProjectRoot.sample("sentinel2_parcels.geojson"), toPath: f.file("p.geojson"))
                return job(f.file("p.geojson"), out: f.file("p.geojson"))
            }, status: 2, mentions: ["p.geojson", "also an input"]),
        CLICase(
            name: "bad carbon fraction",
            arguments: { f in
                job(ProjectRoot.sample("sentinel2_parcels.geojson"), ["--carbon-fraction", "1.5"], out: f.file("o.csv"))
            }, status: 1, mentions: ["--carbon-fraction"])
    ]

    @Test(arguments: cases)
    func failsClearlyWithoutPartialOutput(_ c: CLICase) throws {
        try c.check { Issue.record(Comment(rawValue: $0)) }
    }
}
