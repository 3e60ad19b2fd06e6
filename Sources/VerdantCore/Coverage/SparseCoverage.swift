/// The coverage of one parcel on a grid, stored compactly: per row, runs of fully covered cells and explicit
/// fractions for partly covered (boundary) cells. Memory grows with the parcel's boundary and rows, not its area,
/// so the coverage of thousands of parcels over a whole scene can be kept and reused for more rasters.
public struct SparseCoverage: Hashable, Sendable {
    /// A run of cells in one row.
    public struct Span: Hashable, Sendable {
        /// First column (grid coordinates).
        public var column: Int32
        /// Number of cells.
        public var length: Int32
        /// Index of the first fraction in `fractions`, or −1 when every cell of the span is fully covered.
        public var fractionOffset: Int32
    }

    /// The parcel's cells on the grid (its bounding box clipped to the grid); nil when it misses the grid.
    public let window: CellWindow?
    /// `spans[rowStarts[k]..<rowStarts[k + 1]]` are the spans of window row k, in column order.
    public private(set) var rowStarts: [Int32]
    /// All spans, row by row.
    public private(set) var spans: [Span]
    /// Fractions of the partly covered cells.
    public private(set) var fractions: [Double]

    /// Coverage of `polygon` on `grid`, computed in chunks of at most `chunkCells` cells.
    public init(polygon: MultiPolygon, grid: CellGrid, chunkCells: Int = 1 << 20) {
        rowStarts = [0]
        spans = []
        fractions = []
        guard !polygon.polygons.isEmpty, let box = polygon.boundingBox, let window = grid.window(covering: box) else {
            self.window = nil
            return
        }
        self.window = window
        let rowsPerChunk = max(1, chunkCells / window.width)
        var row = window.row
        while row < window.endRow {
            let height = min(rowsPerChunk, window.endRow - row)
            let chunk = CellWindow(column: window.column, row: row, width: window.width, height: height)!
            let dense = CoverageCalculator.coverageFractions(of: polygon, on: grid, in: chunk)
            let f = dense.fractions
            for r in 0..<height {
                appendRow(f[(r * window.width)..<((r + 1) * window.width)], firstColumn: window.column)
            }
            row += height
        }
    }

    private mutating func appendRow(_ row: ArraySlice<Double>, firstColumn: Int) {
        var i = row.startIndex
        while i < row.endIndex {
            let f = row[i]
            if f == 0 { i += 1; continue }
            let start = i
            if f == 1 {
                while i < row.endIndex && row[i] == 1 { i += 1 }
                spans.append(
                    Span(
                        column: Int32(firstColumn + start - row.startIndex), length: Int32(i - start),
                        fractionOffset: -1))
            } else {
                let offset = fractions.count
                while i < row.endIndex && row[i] != 0 && row[i] != 1 {
                    fractions.append(row[i])
                    i += 1
                }
                spans.append(
                    Span(
                        column: Int32(firstColumn + start - row.startIndex), length: Int32(i - start),
                        fractionOffset: Int32(offset)))
            }
        }
        rowStarts.append(Int32(spans.count))
    }

    /// Calls `body(row, columns, fractionBase)` for every run of covered cells inside `tile` (clipped to it), row by
    /// row, in column order; `fractionBase` is nil for a run of whole cells, else the fraction of cell `c` is
    /// `fractions[fractionBase + c]`.
    @inlinable
    public func forEachSpan(
        in tile: CellWindow,
        _ body: (_ row: Int, _ columns: Range<Int>, _ fractionBase: Int?) throws -> Void
    ) rethrows {
        guard let window, let part = window.intersection(tile) else { return }
        for row in part.row..<part.endRow {
            let k = row - window.row
            for s in Int(rowStarts[k])..<Int(rowStarts[k + 1]) {
                let span = spans[s]
                let c0 = max(Int(span.column), part.column), c1 = min(Int(span.column + span.length), part.endColumn)
                if c0 >= c1 { continue }
                try body(row, c0..<c1, span.fractionOffset < 0 ? nil : Int(span.fractionOffset) - Int(span.column))
            }
        }
    }

    /// Calls `body(row, column, fraction)` for every covered cell inside `tile`, row by row, in column order.
    @inlinable
    public func forEachCell(
        in tile: CellWindow, _ body: (_ row: Int, _ column: Int, _ fraction: Double) throws -> Void
    ) rethrows {
        try forEachSpan(in: tile) { row, columns, base in
            if let base {
                for c in columns { try body(row, c, fractions[base + c]) }
            } else {
                for c in columns { try body(row, c, 1) }
            }
        }
    }

    /// Σ fraction over all cells (the covered area in cells).
    public var coveredCells: Double {
        var total = 0.0
        for row in 0..<(rowStarts.count - 1) {
            for s in Int(rowStarts[row])..<Int(rowStarts[row + 1]) {
                let span = spans[s]
                if span.fractionOffset < 0 {
                    total += Double(span.length)
                } else {
                    for k in 0..<Int(span.length) { total += fractions[Int(span.fractionOffset) + k] }
                }
            }
        }
        return total
    }

    /// Bytes held (spans, row index and fractions).
    public var memoryBytes: Int { spans.count * 12 + rowStarts.count * 4 + fractions.count * 8 }
}
