/// GDAL's affine geotransform: x = c0 + col·c1 + row·c2, y = c3 + col·c4 + row·c5.
public struct GeoTransform: Hashable, Sendable, CustomStringConvertible {
    /// The six coefficients in GDAL's order.
    public var coefficients: [Double]

    /// Makes a geotransform from GDAL's six coefficients.
    public init(_ coefficients: [Double]) {
        precondition(coefficients.count == 6, "a geotransform has 6 coefficients")
        self.coefficients = coefficients
    }

    /// A north-up transform with the top-left corner at (originX, originY) and square or rectangular cells.
    public init(originX: Double, originY: Double, cellWidth: Double, cellHeight: Double) {
        self.coefficients = [originX, cellWidth, 0, originY, 0, -cellHeight]
    }

    /// The identity transform GDAL reports for rasters without georeferencing.
    public static let identity = GeoTransform([0, 1, 0, 0, 0, 1])

    /// X of the top-left corner.
    public var originX: Double { coefficients[0] }
    /// Y of the top-left corner.
    public var originY: Double { coefficients[3] }
    /// Cell width in CRS units (positive for east-going columns).
    public var cellWidth: Double { coefficients[1] }
    /// Cell height in CRS units, positive (the magnitude of the row step of a north-up grid).
    public var cellHeight: Double { -coefficients[5] }
    /// True when there is no rotation or shear and rows go south (the usual GeoTIFF layout).
    public var isNorthUp: Bool {
        coefficients[2] == 0 && coefficients[4] == 0 && coefficients[1] > 0 && coefficients[5] < 0
    }
    /// Area of one cell in squared CRS units (|det|), valid for rotated grids too.
    public var cellArea: Double { abs(coefficients[1] * coefficients[5] - coefficients[2] * coefficients[4]) }

    /// The CRS coordinates of a (fractional) column and row.
    public func apply(column: Double, row: Double) -> (x: Double, y: Double) {
        (
            coefficients[0] + column * coefficients[1] + row * coefficients[2],
            coefficients[3] + column * coefficients[4] + row * coefficients[5]
        )
    }

    /// True when two transforms are equal within `tolerance` of a cell (origins) and relative (sizes).
    public func isClose(to other: GeoTransform, tolerance: Double = 1e-9) -> Bool {
        let size = max(abs(cellWidth), abs(cellHeight), 1e-300)
        for i in 0..<6 {
            let a = coefficients[i], b = other.coefficients[i]
            let scale = (i == 0 || i == 3) ? size : max(abs(a), abs(b), 1e-300)
            if abs(a - b) > tolerance * scale { return false }
        }
        return true
    }

    /// The coefficients, comma separated.
    public var description: String { coefficients.map { "\($0)" }.joined(separator: ", ") }
}
