/// The features of a set of samples (training cells, or the cells of a tile to classify): `samples` rows of
/// `features` values, stored row by row in one `[Float]` (the value of feature j of sample i at `i × features + j`).
///
/// `Float` rather than `Double`: reflectances and indices carry far fewer than 24 significant bits, and a tile of
/// a 10-band, multi-date stack is half the memory (scikit-learn's forests likewise work on 32-bit floats).
/// Values may be anything when predicting (a NaN goes to the right child at every split); training refuses
/// non-finite values.
public struct FeatureMatrix: Hashable, Sendable {
    /// The values, row by row (`samples × features`).
    public private(set) var values: [Float]
    /// The number of features of each sample (columns).
    public let features: Int
    /// The number of samples (rows).
    public var samples: Int { values.count / features }

    /// The matrix of `values` with `features` values per sample; nil when `features` < 1 or the count of values
    /// is not a multiple of it.
    public init?(values: [Float], features: Int) {
        guard features >= 1, values.count % features == 0 else { return nil }
        self.values = values
        self.features = features
    }

    /// The matrix of `rows` (every row the same length, at least 1); nil when the rows differ in length or there
    /// is no row.
    public init?(rows: [[Float]]) {
        guard let first = rows.first, !first.isEmpty, rows.allSatisfy({ $0.count == first.count }) else {
            return nil
        }
        self.init(values: rows.flatMap { $0 }, features: first.count)
    }

    /// The value of feature `feature` of sample `sample`.
    public subscript(sample: Int, feature: Int) -> Float { values[sample * features + feature] }

    /// The features of sample `sample`.
    public func row(_ sample: Int) -> ArraySlice<Float> {
        values[(sample * features)..<((sample + 1) * features)]
    }

    /// The matrix of the samples at `indices`, in that order.
    public func rows(_ indices: [Int]) -> FeatureMatrix {
        var picked: [Float] = []
        picked.reserveCapacity(indices.count * features)
        for i in indices { picked.append(contentsOf: row(i)) }
        var matrix = self
        matrix.values = picked
        return matrix
    }

    /// The values feature by feature (`features × samples`: the value of feature j of sample i at
    /// `j × samples + i`), with −0 made +0 so that equal values have equal bits.
    func columnMajor() -> [Float] {
        let n = samples
        var columns = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { v in
            columns.withUnsafeMutableBufferPointer { c in
                for i in 0..<n {
                    for j in 0..<features { c[j * n + i] = v[i * features + j] + 0 }
                }
            }
        }
        return columns
    }
}
