import Foundation
import Testing
import TestSupport
import Verdant

/// `ClassifyJob` on the real Landsat 5 TM scene with its 36 training polygons, against samples computed
/// independently with rasterio and a scikit-learn forest cross-validated on Verdant's folds
/// (Tests/Fixtures/reference/make_classify_landsat5_reference.py).
@Suite(.enabled(if: RealData.isPresent, "../shared/real-data/ is absent: the real-scene tests are skipped"))
struct ClassifyLandsat5Tests {
    struct Reference: Decodable {
        var classes: [String]
        var samples: Int
        var samples_per_class: [String: Int]
        var cv_accuracy_mean: Double
        var producer_accuracy_mean: [String: Double]
    }

    struct Folds: Decodable { var polygon_folds: [String: Int] }

    static func load<T: Decodable>(_ name: String, as: T.Type) throws -> T {
        let path = ProjectRoot.path + "/Tests/Fixtures/reference/" + name
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func samplesMatchRasterioAndAccuracyScikitLearn() throws {
        let folder = "landsat5_rstoolbox/"
        let stack = try RealData.require(folder + "LT52240631988227CUB02_stack_B1-B7.tif")
        let polygons = try RealData.require(folder + "trainingPolygons_lsat.gpkg")
        let files = try TemporaryFolder()
        defer { files.remove() }
        // Bands B1–B5 and B7 as DN (band 6 is thermal).
        let roles: [(BandRole, Int)] = [(.blue, 1), (.green, 2), (.red, 3), (.nir, 4), (.swir1, 5), (.swir2, 7)]
        let inputs = RasterInputs(
            bands: Dictionary(uniqueKeysWithValues: roles.map { ($0.0, BandSource(path: stack, band: .index($0.1))) }),
            scaling: .identity)
        var request = ClassifyRequest(inputs: inputs, output: files.file("classes.tif"))
        request.training = ParcelSource(path: polygons)
        request.classField = "class"
        request.execution.threads = 2
        let result = try ClassifyJob.run(request)
        let ref = try Self.load("classify_landsat5.json", as: Reference.self)
        #expect(result.classNames == ref.classes)
        #expect(result.features.map(\.description) == ["blue", "green", "red", "nir", "swir1", "swir2", "ndvi"])
        #expect(result.samples == ref.samples)
        #expect(result.samplesPerClass == ref.classes.map { ref.samples_per_class[$0]! })
        // The fixture's folds are this run's.
        #expect(result.polygonFolds == (try Self.load("classify_landsat5_folds.json", as: Folds.self)).polygon_folds)
        let cv = try #require(result.crossValidation)
        #expect(abs(try #require(cv.confusion.overallAccuracy) - ref.cv_accuracy_mean) <= 0.03)
        for (k, name) in ref.classes.enumerated() {
            #expect(abs(cv.confusion.producerAccuracy(k)! - ref.producer_accuracy_mean[name]!) <= 0.05, "\(name)")
        }
        // No nodata in the scene: every cell is mapped; the areas add up to the scene (287 × 310 cells of 900 m²).
        #expect(result.unobservedHa == 0)
        let scene: Double = 287 * 310 * 0.09
        #expect(abs(result.mappedHa.reduce(0, +) - scene) < 1e-6)
    }
}
