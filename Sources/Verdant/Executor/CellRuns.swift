/// The cells of a tile that need values: sorted, disjoint ranges of row-major cell indices. An estimate computes
/// only the cells its parcels cover; a map computes all of them.
public struct CellRuns: Hashable, Sendable {
    /// The ranges, in increasing order, neither overlapping nor touching.
    public private(set) var ranges: [Range<Int>]

    /// Every cell of a tile of `count` cells.
    public init(all count: Int) {
        ranges = count > 0 ? [0..<count] : []
    }

    /// The union of `ranges` (in any order, overlapping or not), sorted and merged.
    public init(union ranges: [Range<Int>]) {
        let sorted = ranges.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        merged.reserveCapacity(sorted.count)
        for r in sorted {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        self.ranges = merged
    }

    /// How many cells the runs hold.
    public var cellCount: Int { ranges.reduce(0) { $0 + $1.count } }
}
