import Foundation
import Testing
import TestSupport

/// `verdant classify` through the binary on the real Landsat 5 TM scene: outputs, the accuracy JSON, `--json`,
/// applying a saved model, one-line errors with exit codes and nothing left behind, and `estimate --classes`.
@Suite(.enabled(if: RealData.isPresent, "../shared/real-data/ is absent: the real-scene tests are skipped"))
struct ClassifyCommandTests {
    static let folder = "landsat5_rstoolbox/"

    static func scene() throws -> (raster: String, polygons: String) {
        (
            try RealData.require(folder + "LT52240631988227CUB02_stack_B1-B7.tif"),
            try RealData.require(folder + "trainingPolygons_lsat.gpkg")
        )
    }

    static func classify(_ raster: String, _ extra: [String]) throws -> VerdantBinary.Result {
        try VerdantBinary.run(
            ["classify", "--raster", raster, "--sensor", "landsat-tm-c2-l2", "--scale", "1", "--trees", "30"] + extra)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func landsatRunWritesTheMapModelAndAccuracyAndEstimateReadsTheClasses() throws {
        let (raster, polygons) = try Self.scene()
        let files = try TemporaryFolder()
        defer { files.remove() }
        let r = try Self.classify(
            raster,
            [
                "--training", polygons, "--class-field", "class", "--out", files.file("classes.tif"), "--model-out",
                files.file("forest.json"), "--accuracy-out", files.file("accuracy.json"), "--probability-out",
                files.file("share.tif")
            ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            files.contents() == [
                "accuracy.json", "classes.qml", "classes.tif", "classes.tif.aux.xml", "forest.json", "share.tif"
            ])
        #expect(r.stdout.contains("cross-validation (5 folds of whole polygons)"))
        let json = try Self.object(String(contentsOfFile: files.file("accuracy.json"), encoding: .utf8))
        #expect(json["classes"] as? [String] == ["cleared", "fallen_dry", "forest", "water"])
        #expect(json["samples"] as? Int == 4410)
        let cv = try #require(json["cross_validation"] as? [String: Any])
        let matrix = try #require(cv["confusion_matrix"] as? [String: Any])
        #expect(matrix["rows"] as? String == "reference" && matrix["columns"] as? String == "map")
        let counts = try #require(matrix["counts"] as? [[Double]])
        #expect(counts.count == 4 && counts.allSatisfy { $0.count == 4 })
        #expect(counts.flatMap { $0 }.reduce(0, +) == 4410)
        #expect((cv["overall_accuracy"] as? Double ?? 0) > 0.95 && cv["kappa"] is Double)
        let perClass = try #require(cv["per_class"] as? [String: [String: Any]])
        #expect(Set(perClass.keys) == ["cleared", "fallen_dry", "forest", "water"])
        for (name, v) in perClass {
            #expect(v["user_accuracy"] is Double && v["producer_accuracy"] is Double && v["f1"] is Double, "\(name)")
        }
        #expect((cv["polygon_folds"] as? [String: Int])?.count == 36)
        let area = try #require(json["area_estimate"] as? [String: Any])
        #expect((area["basis"] as? String ?? "").hasPrefix("Indicative"))
        #expect(area["indicative"] as? Bool == true)
        #expect((area["classes"] as? [String: Any])?.count == 4)

        // --json prints the same assessment.
        let again = try Self.classify(
            raster,
            ["--training", polygons, "--class-field", "class", "--out", files.file("again.tif"), "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        let printed = try Self.object(again.stdout)
        #expect(
            (printed["cross_validation"] as? [String: Any])?["overall_accuracy"] as? Double
                == cv["overall_accuracy"] as? Double)

        // The model applied to the same scene gives the same cells.
        let applied = try Self.classify(
            raster, ["--model", files.file("forest.json"), "--out", files.file("applied.tif"), "--quiet"])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: files.file("applied.tif")))
                == Data(contentsOf: URL(fileURLWithPath: files.file("classes.tif"))))

        // Per-parcel class areas of the map over the training polygons.
        let e = try VerdantBinary.run([
            "estimate", "--raster", raster, "--red", "3", "--nir", "4", "--scale", "1", "--classes",
            files.file("classes.tif"), "--parcels", polygons, "--out", files.file("parcels.csv")
        ])
        #expect(e.status == 0, "\(e.stderr)")
        let lines = try String(contentsOfFile: files.file("parcels.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        let columns = ["class_cleared_ha", "class_fallen_dry_ha", "class_forest_ha", "class_water_ha"]
        for c in columns { #expect(header.contains(c), "\(c)") }
        #expect(lines.count == 37)
        // Each training polygon is mapped mostly as its own class.
        for line in lines.dropFirst() {
            let v = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let row = Dictionary(uniqueKeysWithValues: zip(header, v))
            let own = Double(row["class_\(row["class"]!)_ha"]!)!, total = Double(row["parcel_ha"]!)!
            #expect(own >= 0.8 * total, "polygon \(row["parcel_id"]!)")
            let sum = columns.map { Double(row[$0]!)! }.reduce(0, +)
            #expect(abs(sum - Double(row["observed_ha"]!)!) < 1e-6)
        }
    }

    /// Squares of 3 × 3 cells over the scene (EPSG:32622, negative northings), `(id, class, column)`.
    static func squares(_ path: String, _ list: [(String, String, Double)]) throws -> String {
        try VectorFixture.geojson(
            path, crs: "EPSG:32622",
            features: list.map { id, cls, x in
                VectorFixture.Feature(
                    properties: [("id", "\"\(id)\""), ("class", "\"\(cls)\"")],
                    polygons: [[VectorFixture.rect(x, -412_090, x + 90, -412_000)]])
            })
    }

    @Test func badInputsAreOneLineErrorsWithExitCodesAndLeaveNoOutput() throws {
        let (raster, polygons) = try Self.scene()
        let files = try TemporaryFolder()
        defer { files.remove() }
        let out = files.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let oneClass = try Self.squares(files.file("one.geojson"), [("a", "forest", 620_010), ("b", "forest", 621_010)])
        let outside = try Self.squares(
            files.file("outside.geojson"),
            [("a", "forest", 620_010), ("b", "water", 621_010), ("far", "water", 700_000)])
        let lonely = try Self.squares(
            files.file("lonely.geojson"), [("a", "forest", 620_010), ("b", "forest", 621_010), ("w", "water", 622_010)])
        let outputs = [
            "--out", out + "/classes.tif", "--model-out", out + "/forest.json", "--accuracy-out", out + "/acc.json"
        ]
        let cases: [(args: [String], status: Int32, words: [String])] = [
            (["--training", polygons, "--class-field", "landcover"], 2, [polygons, "landcover", "fields: id, class"]),
            (["--training", oneClass, "--class-field", "class"], 2, [oneClass, "1 class ('forest')"]),
            (["--training", outside, "--class-field", "class"], 2, [outside, "far", "outside the raster"]),
            (
                ["--training", lonely, "--class-field", "class", "--folds", "2"], 2,
                [lonely, "class 'water' has 1 polygon (polygon w)", "--folds 0"]
            ),
            (["--training", polygons, "--class-field", "class", "--folds", "1"], 1, ["--folds"]),
            (["--training", polygons], 1, ["--class-field"]),
            (["--model", files.file("none.json")], 2, ["none.json", "no such file"])
        ]
        for c in cases {
            let r = try Self.classify(raster, c.args + outputs)
            #expect(r.status == c.status, "\(c.args): \(r.stderr)")
            let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("verdant: error:") }
            #expect(errors.count == 1, "\(c.args): \(r.stderr)")
            for w in c.words { #expect(errors.first?.contains(w) == true, "\(w) in \(errors)") }
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "\(c.args): nothing written")
        }
    }
}
