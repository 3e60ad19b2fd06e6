import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// `ClassifyJob` on a hand-made scene of three separable classes (`ClassifyScene`): the map's cells, masks and
/// areas, training polygons in another CRS, thread counts, the legend and style, and forest model files.
@Suite struct ClassifyJobTests {
    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func mapCellsAreTheClassesZeroWhereMaskedAndAreasAreSumsOfCells() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let request = ClassifyScene.request(
            folder, inputs: try ClassifyScene.inputs(folder), training: try ClassifyScene.training(folder))
        let result = try ClassifyJob.run(request)
        #expect(result.classNames == ClassifyScene.classes)
        #expect(result.features.map(\.description) == ["blue", "green", "red", "nir", "ndvi"])
        // 3 squares of 16 cells per class; one water cell is under a cloud.
        #expect(result.samplesPerClass == [48, 48, 47])
        #expect(result.samples == 143)
        let map = try Dataset.open(request.output).band(1).readAll(as: UInt8.self)
        let expected = ClassifyScene.expectedMap
        #expect(map == expected)
        // 100 m² cells: the mapped areas are the cells counted.
        for k in 0..<3 {
            let cells = expected.count { $0 == UInt8(k + 1) }
            #expect(abs(result.mappedHa[k] - Double(cells) * 0.01) < 1e-12, "\(result.classNames[k])")
        }
        #expect(abs(result.unobservedHa - 0.03) < 1e-12)
        let cv = try #require(result.crossValidation)
        #expect(cv.foldCount == 3 && cv.confusion.overallAccuracy == 1)
        // Each class's three polygons are dealt to the three folds.
        let folds = try #require(result.polygonFolds)
        #expect(folds.count == 9)
        for cls in ["water", "forest", "bare"] {
            #expect(Set((0..<3).map { folds["\(cls)-\($0)"]! }) == [0, 1, 2])
        }
    }

    @Test func trainingPolygonsInLonLatGiveTheSameSamplesAndMap() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let inputs = try ClassifyScene.inputs(folder)
        let utm = try ClassifyJob.run(
            ClassifyScene.request(folder, inputs: inputs, training: try ClassifyScene.training(folder)))
        let lonLat = try ClassifyJob.run(
            ClassifyScene.request(
                folder, inputs: inputs,
                training: try ClassifyScene.training(folder, name: "ll.geojson", crs: "EPSG:4326"),
                out: "ll.tif"))
        #expect(lonLat.samplesPerClass == utm.samplesPerClass)
        #expect(lonLat.polygonFolds == utm.polygonFolds)
        #expect(try Self.bytes(folder.file("ll.tif")) == Self.bytes(folder.file("classes.tif")))
    }

    @Test func oneTwoAndEightThreadsGiveTheSameMapAndForest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let inputs = try ClassifyScene.inputs(folder)
        let training = try ClassifyScene.training(folder)
        var maps: [Data] = [], models: [Data] = [], accuracies: [Double] = []
        for threads in [1, 2, 8] {
            var r = ClassifyScene.request(
                folder, inputs: inputs, training: training, out: "c\(threads).tif", threads: threads)
            r.modelOutput = folder.file("m\(threads).json")
            r.probabilityOutput = folder.file("p\(threads).tif")
            let result = try ClassifyJob.run(r)
            maps.append(try Self.bytes(r.output))
            models.append(try Self.bytes(r.modelOutput!))
            accuracies.append(try #require(result.outOfBagAccuracy))
        }
        #expect(maps[1] == maps[0] && maps[2] == maps[0])
        #expect(models[1] == models[0] && models[2] == models[0])
        #expect(Set(accuracies).count == 1)
        let shares = try [1, 2, 8].map { try Self.bytes(folder.file("p\($0).tif")) }
        #expect(shares[1] == shares[0] && shares[2] == shares[0])
    }

    @Test func theMapIsAByteCOGWithColoursNamesAndAQGISStyle() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let request = ClassifyScene.request(
            folder, inputs: try ClassifyScene.inputs(folder), training: try ClassifyScene.training(folder))
        let result = try ClassifyJob.run(request)
        let ds = try Dataset.open(request.output)
        #expect(ds.metadataItem("LAYOUT", domain: "IMAGE_STRUCTURE") == "COG")
        let band = try ds.band(1)
        #expect(band.dataType == .byte)
        #expect(band.noDataValue == 0)
        let colours = band.colorTable
        #expect(colours.count >= 4)
        #expect(colours[1].map { [$0.0, $0.1, $0.2] } == [31, 119, 180])
        #expect(colours[3].map { [$0.0, $0.1, $0.2] } == [214, 39, 40])
        #expect(folder.contents().contains("classes.tif.aux.xml"))
        #expect(folder.contents().filter { $0.hasPrefix(".") }.isEmpty, "no temporary file is left")
        let names = band.categoryNames
        #expect(names[0] == "unobserved" && names[1] == "bare" && names[2] == "forest" && names[3] == "water")
        let qml = try String(contentsOfFile: folder.file("classes.qml"), encoding: .utf8)
        for (k, name) in (["unobserved"] + ClassifyScene.classes).enumerated() {
            #expect(qml.contains("value=\"\(k)\"") && qml.contains("label=\"\(name)\""), "\(name)")
        }
        #expect(
            result.outputs.sorted()
                == [folder.file("classes.qml"), folder.file("classes.tif"), folder.file("classes.tif.aux.xml")])
    }

    @Test func aSavedModelAppliedToTheSameRasterGivesTheSameMap() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let inputs = try ClassifyScene.inputs(folder)
        var train = ClassifyScene.request(folder, inputs: inputs, training: try ClassifyScene.training(folder))
        train.modelOutput = folder.file("forest.json")
        let trained = try ClassifyJob.run(train)
        var apply = ClassifyScene.request(folder, inputs: inputs, training: nil, out: "applied.tif")
        apply.model = folder.file("forest.json")
        let applied = try ClassifyJob.run(apply)
        #expect(applied.samples == nil && applied.crossValidation == nil)
        #expect(applied.classNames == trained.classNames && applied.mappedHa == trained.mappedHa)
        #expect(
            try Dataset.open(folder.file("applied.tif")).band(1).readAll(as: UInt8.self)
                == Dataset.open(folder.file("classes.tif")).band(1).readAll(as: UInt8.self))
        let model = try ForestModel.read(folder.file("forest.json"))
        #expect(model.classNames == ClassifyScene.classes && model.features == trained.features)
    }

    /// Applies the model trained on the scene to `inputs`; returns the error's text.
    static func applyError(_ folder: TemporaryFolder, to inputs: RasterInputs) throws -> String {
        let model = folder.file("forest.json")
        if !FileManager.default.fileExists(atPath: model) {
            var train = ClassifyScene.request(
                folder, inputs: try ClassifyScene.inputs(folder), training: try ClassifyScene.training(folder))
            train.modelOutput = model
            _ = try ClassifyJob.run(train)
        }
        var apply = ClassifyScene.request(folder, inputs: inputs, training: nil, out: "applied.tif")
        apply.model = model
        do {
            _ = try ClassifyJob.run(apply)
        } catch let e as VerdantError {
            #expect(!folder.contents().contains("applied.tif"), "no map after an error")
            return e.description
        }
        Issue.record("applying the model to other bands succeeded")
        return ""
    }

    @Test func aModelAppliedToOtherBandsIsAnErrorNamingTheModel() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let model = folder.file("forest.json")
        // Bands in another order (the descriptions follow the bands): the red role is band 3, now B8.
        let reordered = try Self.applyError(
            folder, to: try ClassifyScene.inputs(folder, name: "reordered.tif", bandOrder: [0, 1, 3, 2]))
        #expect(reordered.contains(model) && reordered.contains("B4") && reordered.contains("B8"), "\(reordered)")
        // Three bands: NIR (and NDVI) is missing.
        let missing = try Self.applyError(folder, to: try ClassifyScene.inputs(folder, name: "three.tif", count: 3))
        #expect(missing.contains(model) && missing.contains("nir"), "\(missing)")
        // Another scaling.
        var scaled = try ClassifyScene.inputs(folder, name: "scaled.tif")
        scaled.scaling = .identity
        let scaling = try Self.applyError(folder, to: scaled)
        #expect(scaling.contains(model) && scaling.contains("0.0001"), "\(scaling)")
    }

    /// Trains on `training`; returns the error's text and checks no output is left.
    static func trainError(
        _ folder: TemporaryFolder, _ training: ParcelSource, classField: String = "class"
    )
        throws -> String
    {
        var r = ClassifyScene.request(folder, inputs: try ClassifyScene.inputs(folder), training: training)
        r.classField = classField
        r.modelOutput = folder.file("forest.json")
        r.accuracyOutput = folder.file("accuracy.json")
        do {
            _ = try ClassifyJob.run(r)
        } catch let e as VerdantError {
            let left = folder.contents().filter {
                $0.hasPrefix("classes") || $0.hasPrefix("forest") || $0.hasPrefix("accuracy")
            }
            #expect(left.isEmpty, "no output after an error: \(left)")
            return e.description
        }
        Issue.record("training succeeded")
        return ""
    }

    @Test func badTrainingPolygonsAreErrorsNamingTheFileAndPolygon() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let training = try ClassifyScene.training(folder)
        let field = try Self.trainError(folder, training, classField: "landcover")
        #expect(field.contains(training.path) && field.contains("landcover") && field.contains("class"), "\(field)")

        let one = try ClassifyScene.training(
            folder, name: "one.geojson",
            relabel: Dictionary(uniqueKeysWithValues: ClassifyScene.squares().map { ($0.id, "forest") }))
        let oneClass = try Self.trainError(folder, one)
        #expect(oneClass.contains(one.path) && oneClass.contains("1 class"), "\(oneClass)")

        let outside = try ClassifyScene.training(
            folder, name: "outside.geojson",
            extra: [("far", "water", VectorFixture.rect(590_000, 1_590_000, 590_040, 1_590_040))])
        let outsideError = try Self.trainError(folder, outside)
        #expect(outsideError.contains(outside.path) && outsideError.contains("far"), "\(outsideError)")

        let lonely = try ClassifyScene.training(folder, name: "lonely.geojson", drop: ["bare-1", "bare-2"])
        let lonelyError = try Self.trainError(folder, lonely)
        #expect(
            lonelyError.contains(lonely.path) && lonelyError.contains("bare") && lonelyError.contains("bare-0")
                && lonelyError.contains("folds 0"), "\(lonelyError)")
        // Without cross-validation one polygon of a class is enough.
        var r = ClassifyScene.request(folder, inputs: try ClassifyScene.inputs(folder), training: lonely, folds: 0)
        r.output = folder.file("nofolds.tif")
        let result = try ClassifyJob.run(r)
        #expect(result.crossValidation == nil && result.areaEstimateNote != nil)
    }
}

/// `ClassifyJob` on the dates of `ClassifyDatesScene`, whose classes differ only in the change between the dates:
/// per-date features and statistics over the dates, model files and their dates, and `minObserved`.
@Suite struct ClassifyJobDatesTests {
    static func map(_ path: String) throws -> [UInt8] { try Dataset.open(path).band(1).readAll(as: UInt8.self) }

    @Test func classesOfChangeNeedFeaturesOfBothDates() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Without noise: the first split of these XOR-like classes is then at the middle of the gap.
        let series = try ClassifyDatesScene.series(folder, noise: false)
        let training = try ClassifyDatesScene.training(folder)
        // One date: each class holds both NDVI levels.
        var single = ClassifyRequest(
            inputs: series.acquisitions[0].inputs, masks: series.masks, output: folder.file("single.tif"))
        single.training = training
        single.classField = "class"
        single.trees = 25
        single.folds = 2
        let one = try ClassifyJob.run(single)
        #expect(one.dates == nil && one.features.map(\.description) == ["red", "nir", "ndvi"])
        #expect(try #require(one.crossValidation).confusion.overallAccuracy ?? 1 < 0.8)
        #expect(try Self.map(single.output) != ClassifyDatesScene.expectedMap)
        for features in ["ndvi@1,ndvi@2", "ndvi:min,ndvi:max", nil] {
            let out = "\(features ?? "default").tif"
            let r = try ClassifyJob.run(
                try ClassifyDatesScene.request(folder, series: series, features: features, training: training, out: out)
            )
            #expect(r.dates == 2 && r.samplesPerClass == [64, 64])
            #expect(r.outOfBagAccuracy == 1, "\(out)")
            #expect(try Self.map(folder.file(out)) == ClassifyDatesScene.expectedMap, "\(out)")
            if features == nil {
                #expect(r.features.map(\.description) == ["red@1", "red@2", "nir@1", "nir@2", "ndvi@1", "ndvi@2"])
            }
        }
    }

    @Test func aModelKnowsItsDatesAndRefusesAnotherNumber() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let series = try ClassifyDatesScene.series(folder)
        var train = try ClassifyDatesScene.request(
            folder, series: series, features: "ndvi@1,ndvi:max", training: try ClassifyDatesScene.training(folder))
        train.modelOutput = folder.file("forest.json")
        _ = try ClassifyJob.run(train)
        let model = try ForestModel.read(folder.file("forest.json"))
        #expect(model.dates == 2 && model.features.map(\.description) == ["ndvi@1", "ndvi:max"])
        // The same dates: the same map.
        var apply = try ClassifyDatesScene.request(folder, series: series, features: nil, training: nil, out: "a.tif")
        apply.model = folder.file("forest.json")
        _ = try ClassifyJob.run(apply)
        #expect(try Self.map(folder.file("a.tif")) == Self.map(folder.file("classes.tif")))

        func error(_ request: ClassifyRequest) -> String {
            do { _ = try ClassifyJob.run(request) } catch { return "\(error)" }
            Issue.record("the model was applied")
            return ""
        }
        var three = try ClassifyDatesScene.request(
            folder, series: try ClassifyDatesScene.series(folder, dates: 3, name: "three.csv"), features: nil,
            training: nil, out: "b.tif")
        three.model = apply.model
        let e3 = error(three)
        #expect(e3.contains(apply.model!) && e3.contains("2 dates") && e3.contains("has 3 dates"), "\(e3)")
        var single = ClassifyRequest(
            inputs: series.acquisitions[0].inputs, masks: series.masks, output: folder.file("c.tif"))
        single.model = apply.model
        let e1 = error(single)
        #expect(e1.contains(apply.model!) && e1.contains("is a single raster"), "\(e1)")
        // A single-date model on dates.
        single.training = try ClassifyDatesScene.training(folder)
        single.classField = "class"
        single.model = nil
        single.modelOutput = folder.file("single.json")
        _ = try ClassifyJob.run(single)
        var dated = apply
        dated.model = single.modelOutput
        let e2 = error(dated)
        #expect(
            e2.contains("single.json") && e2.contains("trained on a single raster") && e2.contains("has 2 dates"),
            "\(e2)")
    }

    @Test func minObservedAdmitsCellsWithADateMaskedForStatisticsOnly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Date 2 clouded on the top two rows of the stable top-left quadrant (no training square there).
        let strip = (0..<2).flatMap { r in (0..<16).map { (r, $0) } }
        let series = try ClassifyDatesScene.series(folder, clouds: [1: strip], noise: false)
        let training = try ClassifyDatesScene.training(folder)
        var masked = ClassifyDatesScene.expectedMap
        for (r, c) in strip { masked[r * 32 + c] = 0 }
        for (features, share, expected) in [
            ("ndvi@1,ndvi@2", nil, masked), ("ndvi@1,ndvi@2", 0.5, masked), ("ndvi:min,ndvi:max", nil, masked),
            ("ndvi:min,ndvi:max", 0.5, ClassifyDatesScene.expectedMap)
        ] as [(String, Double?, [UInt8])] {
            let out = "\(features)-\(share ?? 1).tif"
            var r = try ClassifyDatesScene.request(
                folder, series: series, features: features, training: training, out: out)
            r.minObserved = share
            let result = try ClassifyJob.run(r)
            #expect(try Self.map(folder.file(out)) == expected, "\(out)")
            let unobserved = Double(expected.count { $0 == 0 }) * 0.01
            #expect(abs(result.unobservedHa - unobserved) < 1e-12, "\(out)")
        }
        for bad in [0, -0.5, 1.5, .nan] {
            var r = try ClassifyDatesScene.request(
                folder, series: series, features: nil, training: training, out: "bad.tif")
            r.minObserved = bad
            #expect("\(bad)") {
                _ = try ClassifyJob.run(r)
            } throws: { "\($0)".contains("minObserved") }
        }
    }

    @Test func aPolygonObservedOnTooFewDatesIsAnErrorNamingIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Date 2 clouded over the whole of square stable-0 (rows and columns 2–5).
        let square = (2..<6).flatMap { r in (2..<6).map { (r, $0) } }
        let series = try ClassifyDatesScene.series(folder, clouds: [1: square])
        let training = try ClassifyDatesScene.training(folder)
        var r = try ClassifyDatesScene.request(
            folder, series: series, features: "ndvi:min,ndvi:max", training: training)
        #expect {
            _ = try ClassifyJob.run(r)
        } throws: { e in
            let text = "\(e)"
            return text.contains(training.path) && text.contains("stable-0") && text.contains("2 of the 2 dates")
                && text.contains("minObserved")
        }
        r.minObserved = 0.5
        #expect(try ClassifyJob.run(r).samplesPerClass == [64, 64])
    }
}
