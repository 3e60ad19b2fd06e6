import Foundation
import GDALKit
import Testing
import TestSupport

/// calibrate → estimate --model-file → credits, as a pipeline would run them.
@Suite struct CarbonCommandTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")
    static let input = ["--raster", stack, "--red", "B04", "--nir", "B08", "--scale", "0.0001", "--offset", "-0.1"]

    /// Plots at fixed points, AGB rising with their position (so some model fits).
    static func plots(_ folder: TemporaryFolder, count: Int = 20) throws -> String {
        let ct = try CoordinateTransformation(
            from: try SpatialReference(epsg: 32647), to: try SpatialReference(epsg: 4326))
        var lines = ["plot_id,lon,lat,radius_m,agb_t_ha"]
        for i in 0..<count {
            let p = try ct.transform(x: 600_400 + Double(i % 5) * 300, y: 1_599_600 - Double(i / 5) * 150)
            lines.append("P\(i),\(p.x),\(p.y),12,\(60 + Double(i * 7 % 23) * 5)")
        }
        try lines.joined(separator: "\n").write(toFile: folder.file("plots.csv"), atomically: true, encoding: .utf8)
        return folder.file("plots.csv")
    }

    @Test func calibrateThenEstimateWithIntervalsThenCredits() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cal = try VerdantBinary.run(
            ["calibrate"] + Self.input + ["--plots", try Self.plots(folder), "--out", folder.file("model.json")])
        #expect(cal.status == 0, "\(cal.stderr)")
        #expect(cal.stdout.contains("LOO RMSE") && cal.stdout.contains("chosen:"))
        let model =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.file("model.json"))))
            as! [String: Any]
        for key in ["form", "a", "b", "covariance", "residual_sd", "index", "plot_count", "source", "loo_rmse", "r2"] {
            #expect(model[key] != nil, "model file has \(key)")
        }
        let est = try VerdantBinary.run(
            ["estimate"] + Self.input + [
                "--parcels", Self.parcels, "--id-field", "parcel_id",
                "--model-file", folder.file("model.json"), "--out", folder.file("e.json")
            ])
        #expect(est.status == 0, "\(est.stderr)")
        let e =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.file("e.json"))))
            as! [String: Any]
        let p01 = (e["parcels"] as! [[String: Any]]).first { $0["parcel_id"] as? String == "P01" }!
        let lo = p01["co2e_t_lo90"] as! Double, hi = p01["co2e_t_hi90"] as! Double, mid = p01["co2e_t"] as! Double
        #expect(lo < mid && mid < hi && (p01["uncertainty_pct"] as! Double) > 0)
        let mc = try VerdantBinary.run(
            ["estimate"] + Self.input + [
                "--parcels", Self.parcels, "--id-field", "parcel_id",
                "--model-file", folder.file("model.json"), "--uncertainty", "montecarlo", "--draws", "500",
                "--seed", "3", "--out", "-"
            ])
        #expect(mc.status == 0 && mc.stdout.contains("co2e_t_lo90"))
        let credits = try VerdantBinary.run([
            "credits", "--t0-raster", Self.stack, "--t1-raster", Self.stack, "--red", "B04", "--nir", "B08",
            "--scale", "0.0001", "--offset", "-0.1", "--parcels", Self.parcels, "--id-field", "parcel_id",
            "--model-file", folder.file("model.json"), "--factors", "tver", "--class", "general-trees",
            "--leakage", "5", "--buffer", "10", "--out", folder.file("credits.json"),
            "--report", folder.file("credits.html"), "--title", "Credits of the sample"
        ])
        #expect(credits.status == 0, "\(credits.stderr)")
        let page = try String(contentsOfFile: folder.file("credits.html"), encoding: .utf8)
        #expect(page.contains("<title>Credits of the sample</title>") && page.contains(">Net removals</text>"))
        #expect(credits.stdout.contains("estimated net removals, tCO2e, before verification"))
        let c =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.file("credits.json"))))
            as! [String: Any]
        let total = c["total"] as! [String: Any]
        #expect(abs(total["project_change_co2e"] as! Double) < 1e-6, "the same scene twice: no change")
        #expect((total["net_removals_co2e"] as! Double) <= 0, "no change earns nothing after the deduction")
        let checksums = c["checksums_sha256"] as! [String: String]
        #expect(checksums[Self.stack]?.count == 64 && checksums[folder.file("model.json")]?.count == 64)
        #expect(((c["parameters"] as! [String: Any])["coverage_reused"] as? Bool) == true)
    }

    static let cases: [CLICase] = [
        CLICase(
            name: "unknown factor class",
            arguments: { f in
                ["estimate"] + input + [
                    "--parcels", parcels, "--id-field", "parcel_id", "--factors", "ipcc-2006", "--class-field",
                    "land_use",
                    "--out", f.file("o.csv")
                ]
            }, status: 2, mentions: ["sentinel2_parcels.geojson", "class 'forest' is not in the factor set 'ipcc-2006'"]
        ),
        CLICase(
            name: "missing class field",
            arguments: { f in
                ["estimate"] + input + [
                    "--parcels", parcels, "--factors", "tver", "--class-field", "forest_type", "--out", f.file("o.csv")
                ]
            }, status: 2, mentions: ["no field 'forest_type'"]),
        CLICase(
            name: "too few plots",
            arguments: { f in
                ["calibrate"] + input + ["--plots", try plots(f, count: 5), "--out", f.file("m.json")]
            }, status: 2, mentions: ["plots.csv", "too few plots"]),
        CLICase(
            name: "missing plot column",
            arguments: { f in
                try "plot_id,x,y,radius_m,agb_t_ha\nA,1,2,3,4\n".write(
                    toFile: f.file("p.csv"), atomically: true, encoding: .utf8)
                return ["calibrate"] + input + ["--plots", f.file("p.csv"), "--out", f.file("m.json")]
            }, status: 2, mentions: ["p.csv", "no column 'lon'", "--lon-column"]),
        CLICase(
            name: "dates that do not cover the parcels",
            arguments: { f in
                let far = try RasterFixture.write(
                    f.file("far.tif"), width: 4, height: 4, type: .float32,
                    bands: [[Double](repeating: 0.1, count: 16), [Double](repeating: 0.4, count: 16)],
                    transform: GeoTransform(originX: 500_000, originY: 1_500_000, cellWidth: 10, cellHeight: 10))
                return [
                    "credits", "--t0-raster", stack, "--t1-raster", far, "--red", "1", "--nir", "2", "--scale", "1",
                    "--parcels", parcels,
                    "--model", "linear:0,100", "--out", f.file("c.json")
                ]
            }, status: 2, mentions: ["far.tif", "overlaps the raster"]),
        CLICase(
            name: "bad model file",
            arguments: { f in
                try "{\"form\": \"cubic\"}".write(toFile: f.file("m.json"), atomically: true, encoding: .utf8)
                return ["estimate"] + input + [
                    "--parcels", parcels, "--model-file", f.file("m.json"), "--out", f.file("o.csv")
                ]
            }, status: 2, mentions: ["m.json", "not a Verdant model file"])
    ]

    @Test(arguments: cases)
    func failsClearly(_ c: CLICase) throws {
        try c.check { Issue.record(Comment(rawValue: $0)) }
    }
}
