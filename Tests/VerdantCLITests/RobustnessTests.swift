import Foundation
import GDALKit
import Testing
import TestSupport

/// Inputs and options that used to crash, hang or leave files behind: each now ends in one clear error line with the
/// documented exit code, before any work, and leaves no output.
@Suite struct RobustnessTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")
    static let model = ["--model", "linear:-30,250", "--quiet"]

    /// A small 2-band UInt16 GeoTIFF on EPSG:32647 (40 × 30 cells of 10 m).
    static func raster(
        _ f: TemporaryFolder, _ name: String = "in.tif",
        transform: GeoTransform = GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10)
    ) throws -> String {
        try RasterFixture.write(
            f.file(name), width: 40, height: 30, type: .uInt16,
            bands: [[Double](repeating: 800, count: 1200), [Double](repeating: 3000, count: 1200)],
            transform: transform)
    }

    /// Parcels inside `raster(_:)`.
    static func parcels(_ f: TemporaryFolder) throws -> String {
        try VectorFixture.geojson(
            f.file("parcels.geojson"), crs: "EPSG:32647",
            features: [
                .init(
                    properties: [("id", "\"A\"")],
                    polygons: [[VectorFixture.rect(600_050, 1_599_750, 600_250, 1_599_950)]])
            ])
    }

    static func mapAndEstimate(
        _ name: String, status: Int32, mentions: [String],
        _ arguments: @escaping @Sendable (TemporaryFolder) throws -> [String]
    ) -> [CLICase] {
        [
            CLICase(
                name: "map: \(name)",
                arguments: { f in ["map"] + (try arguments(f)) + ["--ndvi-out", f.file("ndvi.tif")] + model },
                status: status, mentions: mentions),
            CLICase(
                name: "estimate: \(name)",
                arguments: { f in
                    ["estimate"] + (try arguments(f)) + ["--parcels", try parcels(f), "--out", f.file("out.csv")]
                        + model
                }, status: status, mentions: mentions)
        ]
    }

    static let cases: [CLICase] = [
        // A header claiming 2³¹ − 1 rows: over the cell limit (40 columns) or over the memory limit (1 column).
        mapAndEstimate("ImageLength 2147483647", status: 2, mentions: ["tall.tif", "2147483647", "--max-cells"]) { f in
            let path = try raster(f, "tall.tif")
            try TIFFPatch.setLong(path, tag: 257, to: 2_147_483_647)
            return ["--raster", path, "--red", "1", "--nir", "2", "--scale", "1"]
        },
        mapAndEstimate("1 × 2147483647 cells", status: 2, mentions: ["thin.tif"]) { f in
            let path = try raster(f, "thin.tif")
            try TIFFPatch.setLong(path, tag: 256, to: 1)
            try TIFFPatch.setLong(path, tag: 257, to: 2_147_483_647)
            return ["--raster", path, "--red", "1", "--nir", "2", "--scale", "1"]
        },
        mapAndEstimate("--tile-size Int.max", status: 1, mentions: ["--tile-size", "9223372036854775807", "65536"]) {
            f in
            [
                "--raster", try raster(f), "--red", "1", "--nir", "2", "--scale", "1", "--tile-size",
                "9223372036854775807"
            ]
        },
        mapAndEstimate("--resolution 1e-320", status: 1, mentions: ["--resolution 1e-320", "2147483647 cells a side"]) {
            f in
            ["--raster", try raster(f), "--red", "1", "--nir", "2", "--scale", "1", "--resolution", "1e-320"]
        },
        mapAndEstimate(
            "--resolution 0.001", status: 1,
            mentions: ["--resolution 0.001", "400000 × 300000 cells", "120000000000 cells", "--max-cells"]
        ) { f in
            ["--raster", try raster(f), "--red", "1", "--nir", "2", "--scale", "1", "--resolution", "0.001"]
        },
        mapAndEstimate("NaN pixel size", status: 2, mentions: ["nan.tif", "geotransform", "not finite"]) { f in
            let path = try raster(f, "nan.tif", transform: GeoTransform([600_000, .nan, 0, 1_600_000, 0, -10]))
            return ["--raster", path, "--red", "1", "--nir", "2", "--scale", "1", "--json"]
        },
        mapAndEstimate("zero pixel size", status: 2, mentions: ["zero.vrt", "zero area"]) { f in
            _ = try raster(f)
            let vrt = f.file("zero.vrt")
            try """
            <VRTDataset rasterXSize="40" rasterYSize="30"><SRS>EPSG:32647</SRS>
              <GeoTransform>600000, 0, 0, 1600000, 0, -10</GeoTransform>
              <VRTRasterBand dataType="UInt16" band="1"><SimpleSource><SourceFilename relativeToVRT="1">in.tif</SourceFilename><SourceBand>1</SourceBand></SimpleSource></VRTRasterBand>
              <VRTRasterBand dataType="UInt16" band="2"><SimpleSource><SourceFilename relativeToVRT="1">in.tif</SourceFilename><SourceBand>2</SourceBand></SimpleSource></VRTRasterBand>
            </VRTDataset>
            """.write(toFile: vrt, atomically: true, encoding: .utf8)
            return ["--raster", vrt, "--red", "1", "--nir", "2", "--scale", "1", "--json"]
        },
        mapAndEstimate(
            "EPSG code PROJ does not know", status: 2,
            mentions: ["epsg.tif", "neither projected nor geographic", "crs not found"]
        ) { f in
            let path = try raster(f, "epsg.tif")
            try TIFFPatch.setGeoKey(path, key: 3072, to: 32799)
            return ["--raster", path, "--red", "1", "--nir", "2", "--scale", "1"]
        },
        mapAndEstimate("truncated TIFF", status: 2, mentions: ["cut.tif", "Read error"]) { f in
            let path = f.file("cut.tif")
            let data = try Data(contentsOf: URL(fileURLWithPath: stack))
            try data.prefix(data.count * 2 / 5).write(to: URL(fileURLWithPath: path))
            return ["--raster", path, "--red", "3", "--nir", "4", "--scale", "1"]
        }
    ].flatMap { $0 }

    @Test(arguments: cases)
    func failsClearlyBeforeAnyWork(_ c: CLICase) throws {
        try c.check { Issue.record(Comment(rawValue: $0)) }
    }

    @Test func aBadInputRunPrintsExactlyOneLineAndGDALsMessagesOnlyAtDebugLevel() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cut = folder.file("cut.tif")
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.stack))
        try data.prefix(data.count * 2 / 5).write(to: URL(fileURLWithPath: cut))
        let run = ["map", "--raster", cut, "--red", "3", "--nir", "4", "--scale", "1", "--model", "linear:-30,250"]
        let r = try VerdantBinary.run(run + ["--quiet"])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 1 && lines[0].hasPrefix("verdant: error: \(cut): "), "\(r.stderr)")
        #expect(!r.stderr.contains("ERROR 1:"))
        let debug = try VerdantBinary.run(run + ["--log-level", "debug"])
        #expect(debug.status == 2)
        #expect(debug.stderr.contains("verdant: debug: GDAL failure: "), "\(debug.stderr)")
        #expect(!debug.stderr.contains("ERROR 1:"))
        #expect(debug.stderr.split(separator: "\n").filter { $0.hasPrefix("verdant: error:") }.count == 1)
    }

    /// Results to a full standard output: an output error naming standard output, and no output file left.
    @Test(arguments: [
        ["estimate", "--out", "-"],
        ["estimate", "--out", "OUT/p.csv", "--json", "--summary", "OUT/s.md"],
        ["estimate", "--out", "OUT/p.csv"],
        ["map", "--ndvi-out", "OUT/ndvi.tif", "--json"],
        ["map", "--ndvi-out", "OUT/ndvi.tif", "--agb-out", "OUT/agb.tif"],
        ["presets"],
        ["presets", "--json"]
    ])
    func aFullStandardOutputIsAnOutputError(_ arguments: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var args = arguments.map { $0.replacingOccurrences(of: "OUT/", with: folder.path + "/") }
        if args[0] == "estimate" { args += ["--parcels", Self.parcels] }
        if args[0] != "presets" {
            args += ["--raster", Self.stack, "--red", "3", "--nir", "4", "--scale", "1", "--model", "linear:-30,250"]
        }
        let r = try VerdantBinary.run(args, standardOutput: "/dev/full")
        #expect(r.status == 2, "\(r.stderr)")
        #expect(
            r.stderr.contains("verdant: error: standard output: cannot write output: No space left on device"),
            "\(r.stderr)")
        #expect(folder.contents().isEmpty, "left behind: \(folder.contents())")
    }

    /// Negative values reach the validation that says why they are wrong (not ArgumentParser's "Missing value").
    @Test(arguments: [
        (["estimate", "--root-shoot", "-1"], "--root-shoot must be a number ≥ 0"),
        (["estimate", "--carbon-fraction", "-1"], "--carbon-fraction must be in (0, 1]"),
        (["estimate", "--min-observed", "-1"], "--min-observed must be between 0 and 1"),
        (["estimate", "--draws", "-1"], "--draws must be at least 100"),
        (["estimate", "--seed", "-1"], "'-1' is invalid for '--seed"),
        (["estimate", "--fail-on-unobserved", "-0.5"], "--fail-on-unobserved must be a fraction"),
        (["estimate", "--threads", "-2"], "--threads must be at least 1"),
        (["estimate", "--tile-size", "-1"], "--tile-size must be between 1 and 65536"),
        (["estimate", "--max-cells", "-1"], "--max-cells must be at least 1"),
        (["estimate", "--savi-l", "-1", "--index", "savi"], "--savi-l must be a number ≥ 0"),
        (["estimate", "--resolution", "-10"], "--resolution must be a positive number"),
        (["estimate", "--scale", "-0"], "--scale must be a non-zero finite number"),
        (["map", "--root-shoot", "-1", "--carbon-out", "OUT/c.tif"], "--root-shoot must be a number ≥ 0"),
        (["map", "--carbon-fraction", "-0.47", "--carbon-out", "OUT/c.tif"], "--carbon-fraction must be in (0, 1]"),
        (["map", "--valid-range", "-1,-2"], "--valid-range")
    ])
    func negativeNumbersReachValidation(_ arguments: [String], _ message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var args = arguments.map { $0.replacingOccurrences(of: "OUT/", with: folder.path + "/") }
        if args[0] == "estimate" { args += ["--parcels", Self.parcels, "--out", folder.file("p.csv")] }
        let scaling = args.contains("--scale") ? [] : ["--scale", "1"]
        let r = try VerdantBinary.run(
            args + ["--raster", Self.stack, "--red", "3", "--nir", "4", "--model", "linear:-30,250", "--quiet"]
                + scaling)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!r.stderr.contains("Missing value"), "\(r.stderr)")
        #expect(folder.contents().isEmpty, "left behind: \(folder.contents())")
    }

    @Test func negativeNumbersOfCalibrateAndCreditsReachValidation() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let plots = folder.file("plots.csv")
        try "plot_id,lon,lat,radius_m,agb_t_ha\n".write(toFile: plots, atomically: true, encoding: .utf8)
        let raster = ["--raster", Self.stack, "--red", "3", "--nir", "4", "--scale", "1"]
        let calibrate = ["calibrate"] + raster + ["--plots", plots, "--out", folder.file("m.json"), "--quiet"]
        for (extra, message) in [
            (["--min-observed", "-1"], "--min-observed"), (["--savi-l", "-1", "--index", "savi"], "--savi-l")
        ] {
            let r = try VerdantBinary.run(calibrate + extra)
            #expect(
                r.status == 1 && r.stderr.contains(message) && !r.stderr.contains("Missing value"),
                "\(extra): \(r.stderr)")
        }
        let credits = [
            "credits", "--t0-raster", Self.stack, "--t1-raster", Self.stack, "--red", "3", "--nir", "4", "--scale", "1",
            "--parcels", Self.parcels, "--model", "linear:-30,250", "--out", folder.file("c.json"), "--quiet"
        ]
        for (extra, message) in [
            (["--leakage", "-5"], "--leakage must be a percentage"),
            (["--buffer", "-5"], "--buffer must be a percentage"),
            (["--min-observed", "-1"], "--min-observed must be between 0 and 1")
        ] {
            let r = try VerdantBinary.run(credits + extra)
            #expect(
                r.status == 1 && r.stderr.contains(message) && !r.stderr.contains("Missing value"),
                "\(extra): \(r.stderr)")
        }
        // A negative baseline change is a value, not an option.
        let r = try VerdantBinary.run(credits + ["--baseline-removals", "-2.5", "--control-value", "-x"])
        #expect(!r.stderr.contains("Missing value") && r.stderr.contains("--baseline-removals"), "\(r.stderr)")
        #expect(folder.contents() == ["plots.csv"])
    }

    @Test func calibrateAndCreditsToAFullStandardOutputLeaveNoModelOrReport() throws {
        let inputs = try TemporaryFolder(), outputs = try TemporaryFolder()
        defer { inputs.remove(); outputs.remove() }
        let plots = try CarbonCommandTests.plots(inputs)
        let calibrate = try VerdantBinary.run(
            ["calibrate"] + CarbonCommandTests.input + ["--plots", plots, "--out", outputs.file("m.json")],
            standardOutput: "/dev/full")
        #expect(
            calibrate.status == 2 && calibrate.stderr.contains("verdant: error: standard output:"),
            "\(calibrate.stderr)")
        let credits = try VerdantBinary.run(
            [
                "credits", "--t0-raster", Self.stack, "--t1-raster", Self.stack, "--red", "3", "--nir", "4", "--scale",
                "1",
                "--parcels", Self.parcels, "--model", "linear:-30,250", "--out", outputs.file("c.json")
            ],
            standardOutput: "/dev/full")
        #expect(credits.status == 2 && credits.stderr.contains("verdant: error: standard output:"), "\(credits.stderr)")
        let csv = try VerdantBinary.run(
            [
                "credits", "--t0-raster", Self.stack, "--t1-raster", Self.stack, "--red", "3", "--nir", "4", "--scale",
                "1",
                "--parcels", Self.parcels, "--model", "linear:-30,250", "--out", "-"
            ], standardOutput: "/dev/full")
        #expect(csv.status == 2 && csv.stderr.contains("verdant: error: standard output:"), "\(csv.stderr)")
        #expect(outputs.contents().isEmpty, "left behind: \(outputs.contents())")
    }

    @Test func aJobFilesNegativeValueReachesValidation() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let job = folder.file("job.yaml")
        try """
        jobs:
          - name: negative
            command: estimate
            raster: \(Self.stack)
            red: 3
            nir: 4
            parcels: \(Self.parcels)
            model: linear:-30,250
            min-observed: -1
            out: p.csv
        """.write(toFile: job, atomically: true, encoding: .utf8)
        let r = try VerdantBinary.run(["run", job])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("job 'negative': --min-observed must be between 0 and 1"), "\(r.stderr)")
        #expect(!r.stderr.contains("Missing value"))
        #expect(folder.contents() == ["job.yaml"])
    }
}
