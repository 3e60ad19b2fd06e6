/// How the dates of a stack are combined into one composite value per cell.
public enum CompositeMethod: Hashable, Sendable, CustomStringConvertible {
    /// The median of the observed values (the mean of the two middle ones when their count is even).
    case median
    /// The mean of the observed values.
    case mean
    /// The least observed value.
    case min
    /// The greatest observed value.
    case max
    /// The percentile q (0…100) of the observed values, by numpy's default (linear) method.
    case percentile(Double)
    /// Each cell's value on the date where an index (NDVI) is highest: the greenest date (`max-ndvi`).
    case maxIndex

    /// The method named `text`: `median`, `mean`, `min`, `max`, `max-ndvi`, or `pNN` for the percentile NN
    /// (a number from 0 to 100, decimals allowed: `p90`, `p2.5`), in any case. Throws `VerdantError.usage` otherwise.
    public init(parsing text: String) throws {
        switch text.lowercased() {
        case "median": self = .median
        case "mean": self = .mean
        case "min": self = .min
        case "max": self = .max
        case "max-ndvi": self = .maxIndex
        case let other:
            guard let q = Self.percentile(other) else {
                let forms = "median, mean, min, max, max-ndvi or pNN (the percentile NN from 0 to 100: p90, p2.5)"
                throw VerdantError.usage("unknown composite method '\(text)': use \(forms)")
            }
            self = .percentile(q)
        }
    }

    /// The percentile of `pNN`, when NN is digits with at most one decimal point and at most 100.
    private static func percentile(_ text: String) -> Double? {
        guard text.first == "p" else { return nil }
        let number = text.dropFirst()
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "0"..."9" ~= $0 } }) else { return nil }
        guard let q = Double(number), q <= 100 else { return nil }
        return q
    }

    /// The text form `init(parsing:)` reads: `median`, `mean`, `min`, `max`, `max-ndvi`, `p90`, `p2.5`.
    public var description: String {
        switch self {
        case .median: "median"
        case .mean: "mean"
        case .min: "min"
        case .max: "max"
        case .maxIndex: "max-ndvi"
        case .percentile(let q):
            if q == q.rounded(), abs(q) < 1e15 { "p\(Int(q))" } else { "p\(q)" }
        }
    }
}
