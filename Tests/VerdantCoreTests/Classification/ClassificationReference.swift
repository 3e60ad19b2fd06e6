import Foundation

/// The numpy and scikit-learn reference values (Tests/Fixtures/classification/make_fixtures.py).
struct ClassificationReference: Decodable {
    struct Olofsson: Decodable {
        var classes: [String]
        var mapped_pixels: [Double]
        var map_by_reference: [[Double]]
        var proportion: [String]
        var proportion_se: [String]
        var area: [String]
        var area_se: [String]
        var users: [String]
        var users_se: [String]
        var producers: [String]
        var producers_se: [String]
        var overall: String
        var overall_se: String
    }

    struct Forest: Decodable {
        var sklearn_version: String
        var features: Int
        var values: [Double]
        var labels: [Int]
        var groups: [Int]
        var folds: [Int]
        var cv_accuracy_mean: Double
        var cv_accuracy_min: Double
        var cv_accuracy_max: Double
    }

    var olofsson: Olofsson
    var forest: Forest

    static func load() throws -> ClassificationReference {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // the file, Classification, VerdantCoreTests
        url.appendPathComponent("Fixtures/classification/reference.json")
        return try JSONDecoder().decode(ClassificationReference.self, from: Data(contentsOf: url))
    }

    /// The numbers written by float.hex.
    static func numbers(_ texts: [String]) -> [Double] { texts.map { Double($0)! } }

    /// |got − want| ≤ tolerance·|want|.
    static func close(_ got: Double, _ want: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(got - want) <= tolerance * abs(want)
    }
}
