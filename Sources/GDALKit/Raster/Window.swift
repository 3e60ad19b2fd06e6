/// A rectangle of cells of a raster: column and row offsets and a size, all in cells.
public struct Window: Hashable, Sendable, CustomStringConvertible {
    /// The first column (0-based).
    public let columnOffset: Int
    /// The first row (0-based).
    public let rowOffset: Int
    /// The number of columns (> 0).
    public let width: Int
    /// The number of rows (> 0).
    public let height: Int

    /// Makes a window; offsets must be ≥ 0 and sizes > 0.
    public init(columnOffset: Int, rowOffset: Int, width: Int, height: Int) throws {
        guard columnOffset >= 0, rowOffset >= 0, width > 0, height > 0 else {
            throw GDALError(
                context: "invalid window: offset (\(columnOffset), \(rowOffset)), size \(width) × \(height)")
        }
        self.columnOffset = columnOffset
        self.rowOffset = rowOffset
        self.width = width
        self.height = height
    }

    init(unchecked columnOffset: Int, _ rowOffset: Int, _ width: Int, _ height: Int) {
        self.columnOffset = columnOffset
        self.rowOffset = rowOffset
        self.width = width
        self.height = height
    }

    /// Number of cells in the window.
    public var cellCount: Int { width * height }
    /// One past the last column.
    public var columnEnd: Int { columnOffset + width }
    /// One past the last row.
    public var rowEnd: Int { rowOffset + height }

    /// The cells that both windows hold, or nil when they do not overlap.
    public func intersection(_ other: Window) -> Window? {
        let c0 = max(columnOffset, other.columnOffset), c1 = min(columnEnd, other.columnEnd)
        let r0 = max(rowOffset, other.rowOffset), r1 = min(rowEnd, other.rowEnd)
        guard c1 > c0, r1 > r0 else { return nil }
        return Window(unchecked: c0, r0, c1 - c0, r1 - r0)
    }

    /// True when the window lies inside a raster of the given size.
    public func fits(width rasterWidth: Int, height rasterHeight: Int) -> Bool {
        columnEnd <= rasterWidth && rowEnd <= rasterHeight
    }

    /// `columns × rows @ (column, row)`.
    public var description: String { "\(width)×\(height)@(\(columnOffset),\(rowOffset))" }
}
