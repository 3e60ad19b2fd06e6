/// Training samples checked and laid out for growing trees: the features column by column and the labels as
/// 32-bit classes, shared read-only by the trees grown in parallel.
struct TrainingSet: Sendable {
    /// The features, feature by feature (`FeatureMatrix.columnMajor()`).
    let columns: [Float]
    /// The class of each sample.
    let labels: [Int32]
    /// The number of samples.
    let samples: Int
    /// The number of features.
    let features: Int
    /// The number of classes.
    let classCount: Int

    /// The set of `features` labelled by `labels` (classes `0..<classCount`).
    ///
    /// - Throws: `VerdantError.invalidParameter(.training, …)` when there is no sample, the labels do not match
    ///   the samples in count or range, a feature value is not finite, or fewer than 2 classes have samples.
    init(features: FeatureMatrix, labels: [Int], classCount: Int) throws {
        let n = features.samples
        guard n >= 1 else { throw VerdantError.invalidParameter(.training, problem: "has no samples") }
        guard n < Int(Int32.max) else {
            throw VerdantError.invalidParameter(.training, problem: "has \(n) samples, more than \(Int32.max)")
        }
        guard labels.count == n else {
            throw VerdantError.invalidParameter(
                .training, problem: "has \(n) samples but \(labels.count) labels")
        }
        guard classCount >= 2 else {
            throw VerdantError.invalidParameter(
                .training, problem: "needs at least 2 classes (got \(classCount))")
        }
        var present = [Bool](repeating: false, count: classCount)
        for (i, label) in labels.enumerated() {
            guard label >= 0, label < classCount else {
                throw VerdantError.invalidParameter(
                    .training, problem: "sample \(i) has class \(label), outside 0..<\(classCount)")
            }
            present[label] = true
        }
        guard present.filter({ $0 }).count >= 2 else {
            throw VerdantError.invalidParameter(.training, problem: "has samples of one class only")
        }
        if let bad = features.values.firstIndex(where: { !$0.isFinite }) {
            let value = features.values[bad]
            throw VerdantError.invalidParameter(
                .training,
                problem: ErrorText(
                    "sample \(bad / features.features) has feature \(bad % features.features) = \(value), "
                        + "not a finite number"))
        }
        self.columns = features.columnMajor()
        self.labels = labels.map { Int32($0) }
        self.samples = n
        self.features = features.features
        self.classCount = classCount
    }
}
