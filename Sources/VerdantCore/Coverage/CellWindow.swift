/// A rectangle of whole cells of a grid: columns `column ..< column + width`, rows `row ..< row + height`.
public struct CellWindow: Hashable, Sendable {
    /// The first (westernmost) column.
    public let column: Int
    /// The first (northernmost) row.
    public let row: Int
    /// The number of columns, at least 1.
    public let width: Int
    /// The number of rows, at least 1.
    public let height: Int

    /// Creates a window, or nil when `column` or `row` is negative, a size is not positive, or the end overflows.
    public init?(column: Int, row: Int, width: Int, height: Int) {
        guard column >= 0, row >= 0, width > 0, height > 0,
            column <= Int.max - width, row <= Int.max - height
        else { return nil }
        let (_, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow else { return nil }
        self.column = column
        self.row = row
        self.width = width
        self.height = height
    }

    /// One past the last column.
    public var endColumn: Int { column + width }

    /// One past the last row.
    public var endRow: Int { row + height }

    /// The number of cells, `width × height`.
    public var cellCount: Int { width * height }

    /// True when the cell at grid column `column` and grid row `row` lies in the window.
    public func contains(column: Int, row: Int) -> Bool {
        column >= self.column && column < endColumn && row >= self.row && row < endRow
    }

    /// True when every cell of `other` lies in this window.
    public func contains(_ other: CellWindow) -> Bool {
        other.column >= column && other.endColumn <= endColumn && other.row >= row && other.endRow <= endRow
    }

    /// The cells in both windows, or nil when they share none.
    public func intersection(_ other: CellWindow) -> CellWindow? {
        let startColumn = Swift.max(column, other.column), stopColumn = Swift.min(endColumn, other.endColumn)
        let startRow = Swift.max(row, other.row), stopRow = Swift.min(endRow, other.endRow)
        guard startColumn < stopColumn, startRow < stopRow else { return nil }
        return CellWindow(
            column: startColumn, row: startRow, width: stopColumn - startColumn, height: stopRow - startRow)
    }

    /// The row-major offset of a grid cell inside the window, or nil when the cell is outside.
    public func offset(column: Int, row: Int) -> Int? {
        guard contains(column: column, row: row) else { return nil }
        return (row - self.row) * width + (column - self.column)
    }
}
