import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// The probability-sample path of area estimation on the real Landsat 5 scene: a stratified random sample drawn
/// from the map, labelled, and given back as validation points.
@Suite(.enabled(if: RealData.isPresent, "../shared/real-data/ is absent: the real-scene tests are skipped"))
struct ValidationSampleTests {
    static func request(_ folder: TemporaryFolder) throws -> ClassifyRequest {
        let stack = try RealData.require("landsat5_rstoolbox/LT52240631988227CUB02_stack_B1-B7.tif")
        var inputs = RasterInputs(
            bands: [
                .blue: BandSource(path: stack, band: .index(1)), .green: BandSource(path: stack, band: .index(2)),
                .red: BandSource(path: stack, band: .index(3)), .nir: BandSource(path: stack, band: .index(4))
            ], scaling: .identity)
        inputs.warnings = []
        var r = ClassifyRequest(inputs: inputs, output: folder.file("classes.tif"))
        r.training = ParcelSource(path: try RealData.require("landsat5_rstoolbox/trainingPolygons_lsat.gpkg"))
        r.classField = "class"
        r.trees = 30
        r.folds = 3
        r.execution = ExecutionOptions(threads: 2)
        return r
    }

    /// The sample's points with a reference class: the map's own class, except the first `wrong` points of class
    /// `from`, labelled `to`.
    static func label(_ sample: String, wrong: Int, from: String, to: String, into path: String) throws -> Int {
        let layer = try VectorDataset.open(sample).layer(named: "sample")
        var features: [VectorFixture.Feature] = []
        var changed = 0
        try layer.forEachFeature { f in
            let p = f.geometry()!.point!
            var label = f.value(at: 1).description
            if label == from && changed < wrong {
                label = to
                changed += 1
            }
            features.append(
                VectorFixture.Feature(
                    properties: [("truth", "\"\(label)\"")],
                    geometryJSON: "{\"type\": \"Point\", \"coordinates\": [\(p.x), \(p.y)]}"))
        }
        try VectorFixture.geojson(path, crs: "EPSG:32622", features: features)
        return changed
    }

    @Test func aLabelledSampleGivesTheEstimatesOfOlofssonsEstimator() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var request = try Self.request(folder)
        request.sampleOutput = folder.file("sample.gpkg")
        request.sampleSize = 240
        request.sampleMinimum = 40
        let drawn = try ClassifyJob.run(request)
        let allocation = try #require(drawn.sampleAllocation)
        #expect(allocation.reduce(0, +) == 240 && allocation.allSatisfy { $0 >= 40 })
        // Drawn again with the same seed: the same points.
        request.sampleOutput = folder.file("sample-again.gpkg")
        request.output = folder.file("classes-again.tif")
        _ = try ClassifyJob.run(request)
        func points(_ path: String) throws -> [String] {
            var out: [String] = []
            try VectorDataset.open(path).layer(named: "sample").forEachFeature { out.append($0.geometry()!.wkt) }
            return out
        }
        #expect(try points(folder.file("sample.gpkg")) == points(folder.file("sample-again.gpkg")))

        // Labels that agree with the map: every class's estimated area is its mapped area, with no error.
        _ = try Self.label(folder.file("sample.gpkg"), wrong: 0, from: "", to: "", into: folder.file("right.geojson"))
        var validated = try Self.request(folder)
        validated.output = folder.file("classes-validated.tif")
        validated.validation = folder.file("right.geojson")
        validated.referenceField = "truth"
        let right = try ClassifyJob.run(validated)
        let estimate = try #require(right.areaEstimate)
        #expect(!right.areaEstimateIsIndicative)
        for (k, c) in estimate.classes.enumerated() {
            let mapped: Double = right.mappedHa[k]
            #expect(abs(c.area - mapped) < 1e-6 * mapped)
            #expect(c.areaStandardError < 1e-9)
        }
        // Ten forest points that are in truth cleared: the estimator moves area from forest to cleared, exactly as
        // StratifiedAreaEstimate computes from the matrix.
        let changed = try Self.label(
            folder.file("sample.gpkg"), wrong: 10, from: "forest", to: "cleared", into: folder.file("wrong.geojson"))
        #expect(changed == 10)
        validated.output = folder.file("classes-wrong.tif")
        validated.validation = folder.file("wrong.geojson")
        let wrong = try ClassifyJob.run(validated)
        let v = try #require(wrong.validation)
        let direct = try StratifiedAreaEstimate(mappedAreas: wrong.mappedHa, confusion: v, classNames: wrong.classNames)
        #expect(wrong.areaEstimate == direct)
        let cleared = wrong.classNames.firstIndex(of: "cleared")!, forest = wrong.classNames.firstIndex(of: "forest")!
        #expect(direct.classes[cleared].area > wrong.mappedHa[cleared])
        #expect(direct.classes[forest].area < wrong.mappedHa[forest])
        let estimated: Double = direct.classes.map(\.area).reduce(0, +)
        let mapped: Double = wrong.mappedHa.reduce(0, +)
        #expect(abs(estimated - mapped) < 1e-6)
        // A label that is not a class of the map is an error naming the point.
        try VectorFixture.geojson(
            folder.file("bad.geojson"), crs: "EPSG:32622",
            features: [
                VectorFixture.Feature(
                    properties: [("truth", "\"mangrove\"")],
                    geometryJSON: "{\"type\": \"Point\", \"coordinates\": [622000, -415000]}")
            ])
        validated.output = folder.file("classes-bad.tif")
        validated.validation = folder.file("bad.geojson")
        let error = #expect(throws: VerdantError.self) { try ClassifyJob.run(validated) }
        #expect(error?.description.contains("'mangrove' is not a class of the map") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.file("classes-bad.tif")), "no output after an error")
    }
}
