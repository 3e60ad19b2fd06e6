import Foundation
import GDALKit
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
                "accuracy.json", "classes.qml", "classes.tif", "classes.tif.aux.xml", "forest.json", "share.qml",
                "share.tif"
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

/// `verdant classify --dates` on a hand-made 32 × 32 scene of two dates whose classes differ only in the change of
/// NDVI between them (left half stable, right half changed), trained on points: `--features NAME@K` and
/// `NAME:STAT`, `--min-observed`, `--training-crs`, and one-line errors.
@Suite struct ClassifyDatesCommandTests {
    /// Writes red, NIR, SCL per date (date 2 clouded on cell (0, 0)) and `dates.csv`; returns its path.
    static func dates(_ files: TemporaryFolder) throws -> String {
        var csv = "date,red,nir,scl\n"
        for d in 0..<2 {
            // NDVI high (red 0.05, NIR 0.45) or low (0.20, 0.25): top high, bottom low on date 1; the right half
            // swaps on date 2.
            let high = (0..<1024).map { i -> Bool in (i / 32 < 16) != (d == 1 && i % 32 >= 16) }
            let scl = (0..<1024).map { i -> Double in d == 1 && i == 0 ? 9 : 4 }
            for (role, values) in [
                ("red", high.map { $0 ? 0.05 : 0.20 }), ("nir", high.map { $0 ? 0.45 : 0.25 }), ("scl", scl)
            ] {
                try RasterFixture.write(
                    files.file("\(role)\(d).tif"), width: 32, height: 32, type: role == "scl" ? .byte : .float32,
                    bands: [values])
            }
            csv += "2024-0\(d + 1)-01,red\(d).tif,nir\(d).tif,scl\(d).tif\n"
        }
        try csv.write(toFile: files.file("dates.csv"), atomically: true, encoding: .utf8)
        return files.file("dates.csv")
    }

    /// Training points at the corner cells (2, 2) and (10, 10) of each quadrant, as `class,x,y` in EPSG:32647.
    static func points(_ files: TemporaryFolder, name: String = "points.csv") throws -> String {
        var lines = ["class,x,y"]
        for (r, c) in [(2, 2), (10, 10), (2, 18), (10, 26), (18, 2), (26, 10), (18, 18), (26, 26)] {
            lines.append("\(c < 16 ? "stable" : "changed"),\(600_005 + c * 10),\(1_599_995 - r * 10)")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: files.file(name), atomically: true, encoding: .utf8)
        return files.file(name)
    }

    static func classify(_ arguments: [String]) throws -> VerdantBinary.Result {
        try VerdantBinary.run(["classify", "--scale", "1", "--trees", "25", "--folds", "0"] + arguments)
    }

    @Test func datesWithPerDateAndStatisticsFeaturesMapTheChange() throws {
        let files = try TemporaryFolder()
        defer { files.remove() }
        let dates = try Self.dates(files), points = try Self.points(files)
        for (features, share) in [("ndvi@1,ndvi@2", "1"), ("ndvi:min,ndvi:max", "0.5")] {
            let out = files.file("\(share).tif")
            let r = try Self.classify([
                "--dates", dates, "--features", features, "--min-observed", share, "--training", points,
                "--class-field", "class", "--out", out, "--model-out", files.file("\(share).json"), "--json"
            ])
            #expect(r.status == 0, "\(r.stderr)")
            let json = try ClassifyCommandTests.object(r.stdout)
            #expect(json["dates"] as? Int == 2 && json["samples"] as? Int == 8, "\(r.stdout)")
            #expect(json["features"] as? [String] == features.split(separator: ",").map(String.init))
            let map = try Dataset.open(out).band(1).readAll(as: UInt8.self)
            // Class 1 changed (right), 2 stable (left); cell (0, 0), clouded on date 2, only with statistics of 0.5.
            let expected = (0..<1024).map { i -> UInt8 in i == 0 && share == "1" ? 0 : (i % 32 >= 16 ? 1 : 2) }
            #expect(map == expected, "\(features)")
            let model = try ClassifyCommandTests.object(
                String(contentsOfFile: files.file("\(share).json"), encoding: .utf8))
            #expect(model["dates"] as? Int == 2)
        }
        // The points in lon/lat as x, y, with --training-crs: the same samples.
        let lonLat = try String(contentsOfFile: points, encoding: .utf8).split(separator: "\n").dropFirst().map {
            line -> String in
            let p = line.split(separator: ",")
            let ll = try CoordinateTransformation(
                from: try SpatialReference(epsg: 32647), to: try SpatialReference(epsg: 4326)
            ).transform(x: Double(p[1])!, y: Double(p[2])!)
            return "\(p[0]),\(ll.x),\(ll.y)"
        }
        try (["class,x,y"] + lonLat).joined(separator: "\n").write(
            toFile: files.file("ll.csv"), atomically: true, encoding: .utf8)
        let r = try Self.classify([
            "--dates", dates, "--features", "ndvi:min,ndvi:max", "--min-observed", "0.5", "--training",
            files.file("ll.csv"), "--training-crs", "EPSG:4326", "--class-field", "class", "--out",
            files.file("ll.tif")
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            try Dataset.open(files.file("ll.tif")).band(1).readAll(as: UInt8.self)
                == Dataset.open(files.file("0.5.tif")).band(1).readAll(as: UInt8.self))
    }

    @Test func badDatesOptionsAreOneLineErrors() throws {
        let files = try TemporaryFolder()
        defer { files.remove() }
        let dates = try Self.dates(files), points = try Self.points(files)
        let model = files.file("forest.json")
        let train = try Self.classify([
            "--dates", dates, "--features", "ndvi:max", "--min-observed", "0.5", "--training", points,
            "--class-field", "class", "--out", files.file("c.tif"), "--model-out", model
        ])
        #expect(train.status == 0, "\(train.stderr)")
        try "class,east,north\nstable,600025,1599975\n".write(
            toFile: files.file("nocoords.csv"), atomically: true, encoding: .utf8)
        // A point on cell (0, 0), clouded on date 2.
        let cloudy = files.file("cloudy.csv")
        try (String(contentsOfFile: points, encoding: .utf8) + "stable,600005,1599995\n").write(
            toFile: cloudy, atomically: true, encoding: .utf8)
        let out = files.file("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let training = ["--training", points, "--class-field", "class"]
        let cases: [(args: [String], status: Int32, words: [String])] = [
            (["--dates", dates, "--min-observed", "0"] + training, 1, ["--min-observed", "(0, 1]"]),
            (
                ["--raster", files.file("red0.tif"), "--red", "1", "--nir", "1", "--features", "ndvi@1"] + training, 1,
                ["--features", "ndvi@1", "several dates"]
            ),
            (["--dates", dates, "--features", "ndvi@3"] + training, 1, ["--features", "ndvi@3", "2 date(s)"]),
            (
                ["--raster", files.file("red0.tif"), "--red", "1", "--nir", "1", "--model", model], 2,
                [model, "2 dates", "is a single raster"]
            ),
            (
                ["--dates", dates, "--training", files.file("nocoords.csv"), "--class-field", "class"], 2,
                ["nocoords.csv", "no coordinate columns"]
            ),
            (
                ["--dates", dates, "--training", cloudy, "--class-field", "class"], 2,
                [cloudy, "point line 10", "2 of the 2 dates", "--min-observed"]
            ),
            (["--dates", dates, "--raster", files.file("red0.tif")] + training, 1, ["--dates", "--raster"])
        ]
        for c in cases {
            let r = try Self.classify(c.args + ["--out", out + "/classes.tif"])
            #expect(r.status == c.status, "\(c.args): \(r.stderr)")
            let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("verdant: error:") }
            #expect(errors.count == 1, "\(c.args): \(r.stderr)")
            for w in c.words { #expect(errors.first?.contains(w) == true, "\(w) in \(errors)") }
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty, "\(c.args): nothing written")
        }
    }

    @Test func anItemCollectionOfSeveralItemsIsASeries() throws {
        let files = try TemporaryFolder()
        defer { files.remove() }
        let items = try STACSeriesCommandTests.collection(files)
        let points = files.file("points.csv")
        try "class,x,y\na,600015,1599985\na,600025,1599985\nb,600065,1599935\nb,600075,1599935\n".write(
            toFile: points, atomically: true, encoding: .utf8)
        let r = try VerdantBinary.run([
            "classify", "--stac", items, "--sensor", "sentinel2-l2a", "--features", "ndvi:median,red@3",
            "--training", points, "--class-field", "class", "--folds", "0", "--trees", "5", "--out",
            files.file("c.tif"), "--json"
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try ClassifyCommandTests.object(r.stdout)
        #expect(json["dates"] as? Int == 3 && json["samples"] as? Int == 4, "\(r.stdout)")
        #expect(json["features"] as? [String] == ["ndvi:median", "red@3"])
    }
}
