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
        case .median:
            values.sort()
            let middle = values.count / 2
            if values.count % 2 == 1 { return values[middle] }
            return (values[middle - 1] + values[middle]) / 2
        case .percentile(let percent):
            guard !percent.isNaN else { return .nan }
            values.sort()
            return quantile(sorted: values, Swift.min(Swift.max(percent, 0), 100) / 100)
        case .maxIndex:
            preconditionFailure("a max-ndvi composite picks a date: use CompositeReducer.greatest(_:)")
        }
    }

    /// numpy's `_quantile` (method 'linear') of sorted finite values, q in 0…1.
    private static func quantile(sorted values: [Double], _ q: Double) -> Double {
        let n = values.count
        let virtual = Double(n - 1) * q
        // At or past the last index numpy takes the last value (its lerp of it with itself).
        guard virtual < Double(n - 1) else { return values[n - 1] }
        let below = virtual.rounded(.down)
        let a = values[Int(below)], b = values[Int(below) + 1]
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
