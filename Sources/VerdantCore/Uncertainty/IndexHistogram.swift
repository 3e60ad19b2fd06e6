/// A parcel's observed area by index value, in narrow bins (area in ha and Σ area × index per bin), so that a
/// model can be re-evaluated for Monte Carlo draws of its coefficients without re-reading the raster.
public struct IndexHistogram: Hashable, Sendable, Codable {
    /// Bin width in index units.
    public let binWidth: Double
    /// Bin → (area ha, Σ area × index).
    public private(set) var bins: [Int: Bin] = [:]

    /// One bin.
    public struct Bin: Hashable, Sendable, Codable {
        /// Observed area in the bin, ha.
        public var area: Double
        /// Σ area × index.
        public var weightedIndex: Double
        /// The area-weighted mean index of the bin.
        public var meanIndex: Double { weightedIndex / area }
    }

    /// An empty histogram.
    public init(binWidth: Double) { self.binWidth = binWidth }

    /// Adds `area` ha at index `x`.
    public mutating func add(x: Double, area: Double) {
        let k = Int((x / binWidth).rounded(.down))
        bins[k, default: Bin(area: 0, weightedIndex: 0)].area += area
        bins[k]!.weightedIndex += area * x
    }

    /// Adds another histogram's bins.
    public mutating func add(_ other: IndexHistogram) {
        for (k, b) in other.bins {
            bins[k, default: Bin(area: 0, weightedIndex: 0)].area += b.area
            bins[k]!.weightedIndex += b.weightedIndex
        }
    }

    /// Σ area × AGB(mean index of bin) in tonnes, for a model with coefficients a, b; bins in key order.
    public func tonnes(_ model: BiomassModel, a: Double, b: Double) -> Double {
        var total = 0.0
        for k in bins.keys.sorted() {
            let bin = bins[k]!
            total += bin.area * model.agb(bin.meanIndex, a: a, b: b)
        }
        return total
    }
}
