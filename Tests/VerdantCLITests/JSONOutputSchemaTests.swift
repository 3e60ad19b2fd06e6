import Foundation
import Testing
import TestSupport

/// Every JSON output of the commands, run on the samples, against its schema in `docs/schemas/`: estimate (with
/// and without intervals, with warnings, with a factor set), its `--json` summary, calibrate's model file, credits,
/// series (both tables and `--json`), map `--json`, and classify's forest and accuracy (with and without
/// cross-validation); and outputs broken on purpose fail.
@Suite struct JSONOutputSchemaTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")
    static let input = ["--raster", stack, "--red", "B04", "--nir", "B08", "--scale", "0.0001", "--offset", "-0.1"]

    /// Validates the JSON file (or text) against the schema `file`; records each failure; returns the document.
    @discardableResult
    static func check(
        _ schema: String, file path: String? = nil, text: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> JSONNode {
        let data = try text.map { Data($0.utf8) } ?? Data(contentsOf: URL(fileURLWithPath: path!))
        let node = try JSONNode(data: data)
        let failures = try JSONSchemaValidator.project(schema).failures(node)
        #expect(failures.isEmpty, "\(path ?? "stdout") against \(schema): \(failures)", sourceLocation: sourceLocation)
        return node
    }

    @discardableResult
    static func run(
        _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) throws
        -> VerdantBinary.Result
    {
        let r = try VerdantBinary.run(arguments)
        #expect(r.status == 0, "\(arguments.first ?? ""): \(r.stderr)", sourceLocation: sourceLocation)
        return r
    }

    @Test func estimateWithoutIntervalsAndWithWarningsAndItsSummary() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // No --model: the illustrative model, with a warning, and no uncertainty.
        let r = try Self.run(
            ["estimate"] + Self.input + [
                "--parcels", Self.parcels, "--id-field", "parcel_id", "--out", folder.file("e.json"), "--json"
            ])
        let e = try Self.check("estimate.schema.json", file: folder.file("e.json"))
        #expect(e["schema"] == .string("verdant-estimate/1") && e["schema_version"]?.text?.hasPrefix("1.") == true)
        #expect(e["warnings"]?.elements?.isEmpty == false, "the no-model warning is in the JSON")
        let p01 = try #require(e["parcels"]?.elements?.first { $0["parcel_id"] == .string("P01") })
        #expect(p01["uncertainty_pct"] == .null && p01["co2e_t_lo90"] == .null, "no uncertainty: null")
        #expect(p01["attributes"]?["land_use"]?.text != nil, "the parcel's own attributes")
        #expect(e["totals"]?["uncertainty_pct"] == nil)
        let s = try Self.check("estimate-summary.schema.json", text: r.stdout)
        #expect(s["warnings"] == e["warnings"] && s["schema"] == .string("verdant-estimate-summary/1"))
    }

    @Test func calibrateEstimateWithIntervalsAndFactorSetThenCredits() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.run(
            ["calibrate"] + Self.input + [
                "--plots", try CarbonCommandTests.plots(folder), "--out", folder.file("model.json")
            ])
        let model = try Self.check("model.schema.json", file: folder.file("model.json"))
        #expect(model["schema"] == .string("verdant-model/1") && model["covariance"] != nil)
        try Self.run(
            ["estimate"] + Self.input + [
                "--parcels", Self.parcels, "--id-field", "parcel_id", "--model-file", folder.file("model.json"),
                "--factors", "tver", "--class", "general-trees", "--uncertainty", "montecarlo", "--draws", "200",
                "--seed", "5", "--out", folder.file("e.json")
            ])
        let e = try Self.check("estimate.schema.json", file: folder.file("e.json"))
        #expect(e["totals"]?["uncertainty_pct"]?.number != nil, "intervals in the totals")
        #expect(e["run"]?["parameters"]?["factor_set"]?["name"] == .string("tver"))
        #expect(e["run"]?["model"]?["draws"] == .number(200))
        try Self.run([
            "credits", "--t0-raster", Self.stack, "--t1-raster", Self.stack, "--red", "B04", "--nir", "B08",
            "--scale", "0.0001", "--offset", "-0.1", "--parcels", Self.parcels, "--id-field", "parcel_id",
            "--model-file", folder.file("model.json"), "--factors", "tver", "--class", "general-trees",
            "--leakage", "5", "--buffer", "10", "--out", folder.file("credits.json")
        ])
        let c = try Self.check("credits.schema.json", file: folder.file("credits.json"))
        #expect(c["schema"] == .string("verdant-credits/1") && c["t0"]?["schema"] == .string("verdant-estimate/1"))
    }

    @Test func seriesTablesAndSummary() throws {
        let s = try SeriesFixture()
        defer { s.folder.remove() }
        let out = s.folder.file("series.json"), summary = s.folder.file("parcels.json")
        let r = try Self.run(
            s.series(["--model", "linear:-30,250", "--out", out, "--summary-out", summary, "--json"]))
        let rows = try Self.check("series-rows.schema.json", file: out)
        #expect(rows["schema"] == .string("verdant-series/1") && rows["rows"]?.elements?.first?["agb_t"] != nil)
        let parcels = try Self.check("series-summary.schema.json", file: summary)
        #expect(parcels["parcels"]?.elements?.count == SeriesFixture.parcels.count)
        let printed = try Self.check("series-run.schema.json", text: r.stdout)
        #expect(printed["alerts"]?.elements?.count == 1)
        let plain = s.folder.file("plain.json")
        try Self.run(s.series(["--out", plain]))
        #expect(try Self.check("series-rows.schema.json", file: plain)["model"] == nil, "no model, no model key")
    }

    @Test func mapSummary() throws {
        let r = try Self.run(["map"] + Self.input + ["--model", "linear:-30,250", "--json"])
        let m = try Self.check("map-summary.schema.json", text: r.stdout)
        #expect(m["schema"] == .string("verdant-map-summary/1") && m["total_agb_t"]?.number != nil)
    }

    @Test func classifyForestAndAccuracyWithAndWithoutCrossValidation() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let classify = ["classify", "--raster", Self.stack, "--sensor", "sentinel2-l2a", "--trees", "8"]
        // The sample parcels: one polygon of some classes, so no cross-validation.
        try Self.run(
            classify + [
                "--training", Self.parcels, "--class-field", "land_use", "--folds", "0",
                "--out", folder.file("a.tif"), "--model-out", folder.file("forest.json"),
                "--accuracy-out", folder.file("accuracy.json")
            ])
        try Self.check("forest.schema.json", file: folder.file("forest.json"))
        let a = try Self.check("accuracy.schema.json", file: folder.file("accuracy.json"))
        #expect(a["cross_validation"] == nil && a["area_estimate_note"]?.text != nil)
        #expect(a["warnings"]?.elements?.isEmpty == false, "the no-SCL warning is in the JSON")
        // The class map in an estimate (class_<name>_ha columns) with an EVI model (mean_evi).
        try #"{"form": "linear", "a": -20, "b": 200, "index": "evi", "source": "test"}"#.write(
            toFile: folder.file("evi.json"), atomically: true, encoding: .utf8)
        try Self.run([
            "estimate", "--raster", Self.stack, "--sensor", "sentinel2-l2a", "--parcels", Self.parcels,
            "--id-field", "parcel_id", "--model-file", folder.file("evi.json"), "--classes", folder.file("a.tif"),
            "--out", folder.file("e.json")
        ])
        let e = try Self.check("estimate.schema.json", file: folder.file("e.json"))
        let row = try #require(e["parcels"]?.elements?.first)
        #expect(row["mean_evi"]?.number != nil && row["class_forest_ha"]?.number != nil)
        #expect(e["totals"]?["mean_evi"]?.number != nil)
        // Two polygons of each of two classes: cross-validation and the area estimates; --json on stdout.
        var features: [VectorFixture.Feature] = []
        for (k, cls) in ["west", "west", "east", "east"].enumerated() {
            let x0 = 600_200 + Double(k % 2) * 800 + (cls == "east" ? 2_000 : 0)
            features.append(
                VectorFixture.Feature(
                    properties: [("id", "\"T\(k)\""), ("class", "\"\(cls)\"")],
                    polygons: [[VectorFixture.rect(x0, 1_598_000, x0 + 400, 1_598_400)]]))
        }
        let training = try VectorFixture.geojson(folder.file("t.geojson"), crs: "EPSG:32647", features: features)
        // Labelled validation points (a 10 × 3 grid, west of x = 602000 "west"): the area estimates come from them.
        var points: [String] = []
        for i in 0..<30 {
            let x = 600_100 + Double(i % 10) * 390, y = 1_599_000 - Double(i / 10) * 900
            points.append(
                #"{"type": "Feature", "properties": {"ref": "\#(x < 602_000 ? "west" : "east")"}, "geometry": {"type": "Point", "coordinates": [\#(x), \#(y)]}}"#
            )
        }
        try
            #"{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:32647"}}, "features": [\#(points.joined(separator: ","))]}"#
            .write(toFile: folder.file("v.geojson"), atomically: true, encoding: .utf8)
        let r = try Self.run(
            classify + [
                "--training", training, "--class-field", "class", "--folds", "2", "--out", folder.file("b.tif"),
                "--validation", folder.file("v.geojson"), "--reference-field", "ref", "--sample-out",
                folder.file("s.gpkg"), "--sample-size", "20", "--sample-minimum", "5", "--json"
            ])
        let b = try Self.check("accuracy.schema.json", text: r.stdout)
        #expect(b["cross_validation"] != nil && b["area_estimate"]?["indicative"] == .bool(false))
        #expect(b["validation"]?["points"] == .number(30) && b["sample_allocation"]?["east"] != nil)
    }

    @Test func anOutputMissingARequiredKeyOrWithAWrongTypeFails() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.run(
            ["estimate"] + Self.input + [
                "--parcels", Self.parcels, "--id-field", "parcel_id", "--model", "linear:-30,250",
                "--out", folder.file("e.json")
            ])
        let e = try Self.check("estimate.schema.json", file: folder.file("e.json"))
        let v = try JSONSchemaValidator.project("estimate.schema.json")
        #expect(
            v.failures(e.removing("schema_version")).map(\.description) == [
                "$: the required key 'schema_version' is missing"
            ])
        let run = try #require(e["run"])
        #expect(
            v.failures(e.setting("run", to: run.removing("model"))).map(\.description) == [
                "$.run: the required key 'model' is missing"
            ])
        #expect(v.failures(e.setting("surprise", to: .null)).map(\.path) == ["$"])
        var parcels = try #require(e["parcels"]?.elements)
        parcels[2] = parcels[2].setting("agb_t", to: .string("12"))
        #expect(v.failures(e.setting("parcels", to: .array(parcels))).map(\.path) == ["$.parcels[2].agb_t"])
        #expect(v.failures(e.setting("schema", to: .string("verdant-estimate/2"))).map(\.path) == ["$.schema"])
        // Run metadata keys announced for later (title, site, author, warnings) are allowed, typed.
        let later = run.setting("title", to: .string("Site A")).setting("author", to: .null)
            .setting("warnings", to: .array([.string("no --model given")]))
        #expect(v.failures(e.setting("run", to: later)).isEmpty)
        #expect(
            v.failures(e.setting("run", to: run.setting("warnings", to: .string("x")))).map(\.path) == [
                "$.run.warnings"
            ])
    }

    @Test func aForestFileWithoutSchemaVersionStillAppliesThroughTheCommand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let classify = ["classify", "--raster", Self.stack, "--sensor", "sentinel2-l2a"]
        try Self.run(
            classify + [
                "--trees", "5", "--training", Self.parcels, "--class-field", "land_use", "--folds", "0",
                "--out", folder.file("a.tif"), "--model-out", folder.file("forest.json")
            ])
        var forest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.file("forest.json"))))
                as? [String: Any])
        #expect(forest.removeValue(forKey: "schema_version") as? String == "1.0.0")
        try JSONSerialization.data(withJSONObject: forest).write(to: URL(fileURLWithPath: folder.file("old.json")))
        let r = try Self.run(classify + ["--model", folder.file("old.json"), "--out", folder.file("b.tif")])
        #expect(r.stdout.contains("wrote"))
    }
}
