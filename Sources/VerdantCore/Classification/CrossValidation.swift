/// A cross-validated accuracy assessment of a random forest: for each fold, a forest trained on the other folds
/// classifies the fold's samples; the held-out predictions of all folds are pooled into one confusion matrix.
public struct CrossValidation: Hashable, Sendable {
    /// The pooled held-out predictions: reference class (rows) against the prediction (columns).
    public var confusion: ConfusionMatrix
    /// The held-out prediction of each sample.
    public var predictions: [Int]
    /// The number of folds.
    public var foldCount: Int

    /// Cross-validates forests on `features` labelled by `labels` over the folds `folds` (the fold of each sample,
    /// `0..<K`, as `GroupFolds.assign` makes them; every fold must hold samples and leave samples of at least 2
    /// classes to train on).
    ///
    /// The forest of fold k is `RandomForest.train` with the given trees, candidates and threads and the seed
    /// `SeededGenerator(seed: seed, stream: k).next()`.
    ///
    /// - Throws: `VerdantError.invalidParameter(.folds, …)` when the folds do not match the samples or a fold is
    ///   empty, and the errors of `RandomForest.train`.
    public static func run(
        features: FeatureMatrix, labels: [Int], folds: [Int], classNames: [String], featureNames: [String]? = nil,
        trees: Int = 100, candidateFeatures: Int? = nil, seed: UInt64 = 0, threads: Int = 1
    ) throws -> CrossValidation {
        guard folds.count == features.samples, labels.count == features.samples else {
            throw VerdantError.invalidParameter(
                .folds, problem: "has \(folds.count) folds and \(labels.count) labels for \(features.samples) samples")
        }
        guard let last = folds.max(), let low = folds.min(), low >= 0, last >= 1 else {
            throw VerdantError.invalidParameter(.folds, problem: "must number at least 2 folds from 0")
        }
        let k = last + 1
        var members = [[Int]](repeating: [], count: k)
        for (i, f) in folds.enumerated() { members[f].append(i) }
        if let empty = members.firstIndex(where: \.isEmpty) {
            throw VerdantError.invalidParameter(.folds, problem: "fold \(empty) of \(k) has no samples")
        }
        var confusion = ConfusionMatrix(classCount: max(1, classNames.count))
        var predictions = [Int](repeating: 0, count: features.samples)
        for fold in 0..<k {
            let test = members[fold]
            let train = folds.indices.filter { folds[$0] != fold }
            var foldSeed = SeededGenerator(seed: seed, stream: UInt64(fold))
            let (forest, _) = try RandomForest.train(
                features: features.rows(train), labels: train.map { labels[$0] }, classNames: classNames,
                featureNames: featureNames, trees: trees, candidateFeatures: candidateFeatures,
                seed: foldSeed.next(), threads: threads)
            var predicted: [Int] = []
            forest.predict(matrix: features.rows(test), into: &predicted)
            for (i, p) in zip(test, predicted) {
                predictions[i] = p
                confusion.add(reference: labels[i], map: p)
            }
        }
        return CrossValidation(confusion: confusion, predictions: predictions, foldCount: k)
    }
}
