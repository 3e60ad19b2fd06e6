/// A regular north-up raster grid: cell (column, row) spans x in `originX + [column, column + 1] × cellWidth` and
/// y in `originY − [row, row + 1] × cellHeight` (rows go south).
public struct CellGrid: Hashable, Sendable {
    /// The x of the grid's western (left) edge.
    public let originX: Double
    /// The y of the grid's northern (top) edge.
    public let originY: Double
    /// The east–west size of a cell, finite and positive.
    public let cellWidth: Double
    /// The north–south size of a cell, finite and positive (rows go down, towards the south).
    public let cellHeight: Double
    /// The number of columns, at least 1.
    public let columns: Int
    /// The number of rows, at least 1.
    public let rows: Int

    /// Creates a grid, or nil when an origin is not finite, a cell size is not finite and positive, or a count is
    /// not positive.
    public init?(originX: Double, originY: Double, cellWidth: Double, cellHeight: Double, columns: Int, rows: Int) {
        guard originX.isFinite, originY.isFinite, cellWidth.isFinite, cellHeight.isFinite,
            cellWidth > 0, cellHeight > 0, columns > 0, rows > 0
        else { return nil }
        let (_, overflow) = columns.multipliedReportingOverflow(by: rows)
        guard !overflow else { return nil }
        self.originX = originX
        self.originY = originY
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        self.columns = columns
        self.rows = rows
    }

    /// The planar area of one cell, `cellWidth × cellHeight`.
    public var cellArea: Double { cellWidth * cellHeight }

    /// The window of every cell of the grid.
    public var fullWindow: CellWindow {
        // Valid by construction: the counts are positive and their product does not overflow.
        CellWindow(column: 0, row: 0, width: columns, height: rows)!
    }

    /// The rectangle covered by the grid.
    public var extent: BoundingBox {
        BoundingBox(
            minX: originX, minY: originY - Double(rows) * cellHeight,
            maxX: originX + Double(columns) * cellWidth, maxY: originY)
    }

    /// The rectangle covered by one cell (which may lie outside the grid).
    public func cellBounds(column: Int, row: Int) -> BoundingBox {
        BoundingBox(
            minX: originX + Double(column) * cellWidth, minY: originY - Double(row + 1) * cellHeight,
            maxX: originX + Double(column + 1) * cellWidth, maxY: originY - Double(row) * cellHeight)
    }

    /// The grid-local column coordinate of `x`: 0 on the western edge, 1 cell further per `cellWidth`.
    func gridU(_ x: Double) -> Double { (x - originX) / cellWidth }

    /// The grid-local row coordinate of `y`: 0 on the northern edge, growing southwards by 1 per `cellHeight`.
    func gridV(_ y: Double) -> Double { (originY - y) / cellHeight }

    /// The cells touched by `box` (closed), clipped to the grid; nil when the box misses the grid's interior or is
    /// not a valid box.
    ///
    /// A box edge lying exactly on a cell boundary does not pull in the cell beyond it; a degenerate box (a point or
    /// a line) still touches the cell it lies in.
    public func window(covering box: BoundingBox) -> CellWindow? {
        guard box.minX <= box.maxX, box.minY <= box.maxY else { return nil }  // also false for NaN
        guard let (firstColumn, stopColumn) = Self.span(gridU(box.minX), gridU(box.maxX), count: columns),
            let (firstRow, stopRow) = Self.span(gridV(box.maxY), gridV(box.minY), count: rows)
        else { return nil }
        return CellWindow(
            column: firstColumn, row: firstRow, width: stopColumn - firstColumn, height: stopRow - firstRow)
    }

    /// The cell indices `[first, stop)` touched by the grid-local interval `[low, high]`, clipped to `0 ..< count`.
    private static func span(_ low: Double, _ high: Double, count: Int) -> (Int, Int)? {
        var first = low.rounded(.down)
        var stop = high.rounded(.up)
        if stop <= first { stop = first + 1 }  // a degenerate interval lying on a cell boundary
        first = Swift.max(first, 0)
        stop = Swift.min(stop, Double(count))
        guard first < stop else { return nil }
        return (Int(first), Int(stop))
    }
}

extension Ellipsoid {
    /// The area in m² of one cell of row `row` of a longitude/latitude `grid` (coordinates in degrees).
    public func cellArea(row: Int, of grid: CellGrid) -> Double {
        let north = grid.originY - Double(row) * grid.cellHeight
        let south = grid.originY - Double(row + 1) * grid.cellHeight
        return cellRowArea(southLatitude: south, northLatitude: north, longitudeSpan: grid.cellWidth)
    }
}
