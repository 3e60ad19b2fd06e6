/// A confusion (error) matrix of a classification: rows are the reference (true) classes, columns the map
/// (predicted) classes, each entry a count or a sum of weights.
///
/// Beware: Olofsson et al. (2014) and `StratifiedAreaEstimate` write the transpose (rows = map classes), see
/// `mapByReference`.
public struct ConfusionMatrix: Codable, Hashable, Sendable {
    /// The number of classes (rows and columns).
    public let classCount: Int
    /// The entries row by row: `counts[reference × classCount + map]`.
    public private(set) var counts: [Double]

    /// The empty matrix of `classCount` classes.
    public init(classCount: Int) {
        precondition(classCount >= 1, "a confusion matrix has at least one class")
        self.classCount = classCount
        counts = [Double](repeating: 0, count: classCount * classCount)
    }

    /// The matrix of the rows `rows` (rows reference, columns map); nil unless it is square and not empty.
    public init?(rows: [[Double]]) {
        guard !rows.isEmpty, rows.allSatisfy({ $0.count == rows.count }) else { return nil }
        classCount = rows.count
        counts = rows.flatMap { $0 }
    }

    /// The matrix of the pairs `reference[i]`, `map[i]` (classes in `0..<classCount`), each counted once or with
    /// `weights[i]`.
    public init(reference: [Int], map: [Int], classCount: Int, weights: [Double]? = nil) {
        precondition(reference.count == map.count, "as many reference as map classes")
        self.init(classCount: classCount)
        for i in reference.indices { add(reference: reference[i], map: map[i], weight: weights?[i] ?? 1) }
    }

    /// The entry of reference class `reference` and map class `map`.
    public subscript(reference reference: Int, map map: Int) -> Double { counts[reference * classCount + map] }

    /// Adds `weight` to the entry of `reference` and `map`.
    public mutating func add(reference: Int, map: Int, weight: Double = 1) {
        counts[reference * classCount + map] += weight
    }

    /// Adds the entries of `other` (of the same classes).
    public mutating func add(_ other: ConfusionMatrix) {
        precondition(other.classCount == classCount, "adding confusion matrices of different classes")
        for i in counts.indices { counts[i] += other.counts[i] }
    }

    /// The rows (reference classes).
    public var rows: [[Double]] { (0..<classCount).map { Array(counts[($0 * classCount)..<(($0 + 1) * classCount)]) } }

    /// The transpose as rows: `mapByReference[i][j]` is the entry of map class i and reference class j, the layout
    /// of Olofsson et al. (2014) and `StratifiedAreaEstimate`.
    public var mapByReference: [[Double]] {
        (0..<classCount).map { m in (0..<classCount).map { r in self[reference: r, map: m] } }
    }

    /// The sum of all entries.
    public var total: Double { counts.reduce(0, +) }

    /// The sum of row `reference`: the samples of that reference class.
    public func referenceTotal(_ reference: Int) -> Double {
        (0..<classCount).reduce(0) { $0 + self[reference: reference, map: $1] }
    }

    /// The sum of column `map`: the samples mapped as that class.
    public func mapTotal(_ map: Int) -> Double { (0..<classCount).reduce(0) { $0 + self[reference: $1, map: map] } }

    /// The share of the total on the diagonal; nil when the matrix is empty.
    public var overallAccuracy: Double? {
        let n = total
        guard n > 0 else { return nil }
        return (0..<classCount).reduce(0) { $0 + self[reference: $1, map: $1] } / n
    }

    /// Cohen's kappa (1960): (p₀ − pₑ)/(1 − pₑ), p₀ the overall accuracy and pₑ = Σₖ (row k total)(column k
    /// total)/total² the agreement expected by chance; nil when the matrix is empty or pₑ = 1.
    public var kappa: Double? {
        let n = total
        guard n > 0, let observed = overallAccuracy else { return nil }
        let chance = (0..<classCount).reduce(0) { $0 + referenceTotal($1) * mapTotal($1) } / (n * n)
        guard chance < 1 else { return nil }
        return (observed - chance) / (1 - chance)
    }

    /// The user's accuracy of map class `map` (precision, 1 − commission error): the share of the samples mapped
    /// as it that are of it; nil when no sample is mapped as it.
    public func userAccuracy(_ map: Int) -> Double? {
        let mapped = mapTotal(map)
        return mapped > 0 ? self[reference: map, map: map] / mapped : nil
    }

    /// The producer's accuracy of reference class `reference` (recall, 1 − omission error): the share of its
    /// samples mapped as it; nil when it has no sample.
    public func producerAccuracy(_ reference: Int) -> Double? {
        let actual = referenceTotal(reference)
        return actual > 0 ? self[reference: reference, map: reference] / actual : nil
    }

    /// The F1 score of class `c`: the harmonic mean 2UP/(U + P) of its user's and producer's accuracies; nil when
    /// either is undefined, 0 when both are 0.
    public func f1(_ c: Int) -> Double? {
        guard let u = userAccuracy(c), let p = producerAccuracy(c) else { return nil }
        return u + p > 0 ? 2 * u * p / (u + p) : 0
    }
}
