import Testing
import VerdantCore

/// Cross-validation over whole polygons, against scikit-learn on the same samples and folds.
@Suite struct CrossValidationTests {
    @Test func accuracyAgreesWithScikitLearn() throws {
        let reference = try ClassificationReference.load().forest
        let x = try #require(FeatureMatrix(values: reference.values.map { Float($0) }, features: reference.features))
        let names = ["a", "b", "c", "d"]
        var accuracies: [Double] = []
        for seed: UInt64 in [1, 2, 3] {
            let cv = try CrossValidation.run(
                features: x, labels: reference.labels, folds: reference.folds, classNames: names, seed: seed,
                threads: 2)
            #expect(cv.foldCount == 4 && cv.confusion.total == Double(x.samples))
            accuracies.append(try #require(cv.confusion.overallAccuracy))
        }
        let mean = accuracies.reduce(0, +) / 3
        // scikit-learn: mean over 5 random states (fixture), e.g. 0.840 within 0.836–0.845.
        #expect(
            abs(mean - reference.cv_accuracy_mean) < 0.03,
            "Verdant \(accuracies), sklearn \(reference.cv_accuracy_mean)")
    }

    @Test func heldOutPredictionsComeFromForestsWithoutTheFold() throws {
        // Two polygons per class, each far from the other polygon of its class: a forest that never saw a polygon
        // cannot classify it by memory, so the held-out predictions are from other folds' forests only.
        let rows: [[Float]] = [[0], [0.1], [10], [10.1], [5], [5.1], [15], [15.1]]
        let labels = [0, 0, 0, 0, 1, 1, 1, 1]
        let folds = [0, 0, 1, 1, 0, 0, 1, 1]
        let cv = try CrossValidation.run(
            features: FeatureMatrix(rows: rows)!, labels: labels, folds: folds, classNames: ["a", "b"], trees: 5)
        // Fold 0 (0, 5) is predicted from (10 → a, 15 → b): the split at 12.5 makes both a.
        #expect(cv.predictions[0] == 0 && cv.predictions[4] == 0)
        #expect(cv.confusion.total == 8)
        #expect(throws: VerdantError.self) {
            try CrossValidation.run(
                features: FeatureMatrix(rows: rows)!, labels: labels, folds: [0, 0, 2, 2, 0, 0, 2, 2],
                classNames: ["a", "b"], trees: 5)
        }
    }
}
