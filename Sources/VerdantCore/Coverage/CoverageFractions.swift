/// The fraction of each cell of a window covered by a polygon, row-major over the window.
public struct CoverageFractions: Hashable, Sendable {
    /// The cells the fractions are for.
    public let window: CellWindow
    /// One fraction per cell of `window`, row by row from the north-west cell: the share of the cell's area inside
    /// the polygon, in [0, 1] for a valid polygon.
    public let fractions: [Double]

    /// Wraps fractions computed for `window`; nil when the count does not match the window's cell count.
    public init?(window: CellWindow, fractions: [Double]) {
        guard fractions.count == window.cellCount else { return nil }
        self.window = window
        self.fractions = fractions
    }

    /// Wraps fractions whose count is known to match (internal, used by the calculator).
    init(uncheckedWindow window: CellWindow, fractions: [Double]) {
        self.window = window
        self.fractions = fractions
    }

    /// The fraction of the cell at grid column `column` and grid row `row`; 0 for a cell outside the window.
    public subscript(column column: Int, row row: Int) -> Double {
        guard let offset = window.offset(column: column, row: row) else { return 0 }
        return fractions[offset]
    }

    /// The sum of the fractions: the covered area in cells (multiply by the cell area for a planar area).
    public var sum: Double {
        var total = 0.0
        for fraction in fractions { total += fraction }
        return total
    }

    /// The sum of fraction × `weight(column, row)` over the cells with a non-zero fraction (grid coordinates).
    ///
    /// `weight` is not called for uncovered cells, so it may return NaN for no-data cells outside the polygon.
    @inlinable
    public func weightedSum(_ weight: (_ column: Int, _ row: Int) throws -> Double) rethrows -> Double {
        var total = 0.0
        var offset = 0
        for row in window.row..<window.endRow {
            for column in window.column..<window.endColumn {
                let fraction = fractions[offset]
                if fraction != 0 { total += fraction * (try weight(column, row)) }
                offset += 1
            }
        }
        return total
    }

    /// The number of cells with a non-zero fraction.
    public var coveredCellCount: Int {
        fractions.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
    }
}
