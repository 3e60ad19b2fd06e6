/// The arithmetic of composites: one cell's values over the dates of a stack reduced to one value, reproducing
/// numpy's `nanmedian`, `nanmean`, `nanmin`, `nanmax` and `nanpercentile` over the dates axis bit for bit.
public enum CompositeReducer {
    /// The composite of one cell's `values` (one per date, in date order) by `method`, over the finite values
    /// only (NaN marks an unobserved date); NaN when none is finite. `values` may be reordered and shortened.
    ///
    /// The median of an even count is (a + b)/2 of the middle two; the mean is the sum in date order over the
    /// count; a percentile q is numpy's linear method: the virtual index (n − 1)·(q/100) between the sorted
    /// values a and b below and above it, at fraction f past a, gives a + (b − a)·f when f < 0.5 and
    /// b − (b − a)·(1 − f) otherwise (q is clamped to 0…100; NaN gives NaN). `maxIndex` picks a date rather than
    /// reducing values: use `greatest(_:)` for it (calling this with it is a programming error).
    public static func reduce(_ values: inout [Double], method: CompositeMethod) -> Double {
        values.removeAll { !$0.isFinite }
        guard !values.isEmpty else { return .nan }
        switch method {
        case .mean:
            var sum = 0.0
            for v in values { sum += v }
            return sum / Double(values.count)
        case .min:
            return values.min()!
        case .max:
            return values.max()!
        case .median, .percentile:
            values.sort()
            return ofSorted(method, count: values.count) { values[$0] }
        case .maxIndex:
            preconditionFailure("a max-ndvi composite picks a date: use CompositeReducer.greatest(_:)")
        }
    }

    /// The median or percentile (as `reduce` takes them) of `count` finite values in ascending order, the k-th
    /// given by `value(k)`; NaN when `count` is 0. Other methods are a programming error.
    @inlinable
    public static func ofSorted(_ method: CompositeMethod, count: Int, value: (Int) -> Double) -> Double {
        guard count > 0 else { return .nan }
        switch method {
        case .median:
            let middle = count / 2
            if count % 2 == 1 { return value(middle) }
            return (value(middle - 1) + value(middle)) / 2
        case .percentile(let percent):
            guard !percent.isNaN else { return .nan }
            return quantile(count: count, Swift.min(Swift.max(percent, 0), 100) / 100, value: value)
        default:
            preconditionFailure("\(method) is not taken from sorted values")
        }
    }

    /// numpy's `_quantile` (method 'linear') of `n` sorted finite values, q in 0…1.
    @usableFromInline
    static func quantile(count n: Int, _ q: Double, value: (Int) -> Double) -> Double {
        let virtual = Double(n - 1) * q
        // At or past the last index numpy takes the last value (its lerp of it with itself).
        guard virtual < Double(n - 1) else { return value(n - 1) }
        let below = virtual.rounded(.down)
        let a = value(Int(below)), b = value(Int(below) + 1)
        let gamma = virtual - below
        let difference = b - a
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// The position of the highest finite value of `index` (the date of the greenest value), the earliest among
    /// equals; nil when no value is finite.
    public static func greatest(_ index: [Double]) -> Int? {
        var best: Int?
        for i in index.indices where index[i].isFinite {
            if let b = best, index[i] <= index[b] { continue }
            best = i
        }
        return best
    }
}
