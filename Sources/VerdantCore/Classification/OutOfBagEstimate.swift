/// A random forest scored on its own training samples, each by the trees whose bootstrap left it out (Breiman
/// 2001): about a third of the trees vote on each sample, an almost unbiased estimate of the forest's accuracy on
/// new samples drawn like the training ones (but see `CrossValidation` for spatially clustered samples).
public struct OutOfBagEstimate: Hashable, Sendable {
    /// The out-of-bag votes, sample by sample: `votes[i × classCount + c]` trees voted class c for sample i.
    public var votes: [Int]
    /// The number of classes.
    public var classCount: Int
    /// The majority of each sample's out-of-bag votes (the lowest class on ties), nil for a sample that every tree
    /// drew.
    public var predictions: [Int?]
    /// The samples with at least one out-of-bag vote, reference class (rows) against out-of-bag vote (columns).
    public var confusion: ConfusionMatrix

    /// The estimate of the votes `votes` on samples of classes `labels`.
    init(votes: [Int], labels: [Int], classCount: Int) {
        self.votes = votes
        self.classCount = classCount
        var confusion = ConfusionMatrix(classCount: classCount)
        predictions = labels.indices.map { i in
            var winner = 0
            for c in 1..<classCount where votes[i * classCount + c] > votes[i * classCount + winner] { winner = c }
            guard votes[i * classCount + winner] > 0 else { return nil }
            confusion.add(reference: labels[i], map: winner)
            return winner
        }
        self.confusion = confusion
    }

    /// The samples with at least one out-of-bag vote.
    public var scoredSamples: Int { predictions.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// The share of scored samples whose out-of-bag vote is their class; nil when no sample was scored.
    public var accuracy: Double? { confusion.overallAccuracy }
}
