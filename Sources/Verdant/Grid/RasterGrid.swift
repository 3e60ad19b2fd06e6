import GDALKit

/// The analysis grid: size, geotransform, CRS and the area of its cells.
public struct RasterGrid: Hashable, Sendable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int
    /// Cell-to-CRS transform.
    public var geoTransform: GeoTransform
    /// The CRS as WKT.
    public var crsWKT: String
    /// The CRS name, e.g. `WGS 84 / UTM zone 47N`.
    public var crsName: String
    /// `EPSG:n` when known.
    public var crsCode: String?
    /// True for a longitude/latitude grid.
    public var isGeographic: Bool
    /// Metres per CRS unit (projected) or radians per CRS unit (geographic).
    public var unitSize: Double
    /// The ellipsoid of the CRS (used for geographic cell areas).
    public var ellipsoid: Ellipsoid

    /// Number of cells.
    public var cellCount: Int { width * height }

    /// The grid of an open dataset, with `crs` as its CRS.
    init(dataset: Dataset, crs: SpatialReference) throws {
        guard let gt = dataset.geoTransform else {
            throw VerdantError.input(file: dataset.path, problem: "has no geotransform, so cell areas are unknown")
        }
        width = dataset.width
        height = dataset.height
        geoTransform = gt
        crsWKT = crs.wkt
        crsName = crs.name
        crsCode = crs.authorityCode
        isGeographic = crs.isGeographic
        unitSize = crs.isGeographic ? crs.angularUnitsInRadians : crs.linearUnitsInMetres
        let inverseFlattening = crs.inverseFlattening
        ellipsoid = Ellipsoid(semiMajorAxis: crs.semiMajorAxis, inverseFlattening: inverseFlattening)
        if isGeographic && !gt.isNorthUp {
            throw VerdantError.input(file: dataset.path, problem: "is a rotated longitude/latitude grid; Verdant needs north-up cells on geographic grids")
        }
    }

    /// The area in m² of one cell of each row: constant on a projected grid, the exact ellipsoidal area of the
    /// row's cells on a longitude/latitude grid.
    public func rowCellAreas() -> [Double] {
        if !isGeographic {
            let a = geoTransform.cellArea * unitSize * unitSize
            return [Double](repeating: a, count: height)
        }
        let degreesPerUnit = unitSize * 180 / Double.pi
        let span = geoTransform.cellWidth * degreesPerUnit
        return (0..<height).map { row in
            let top = (geoTransform.originY - Double(row) * geoTransform.cellHeight) * degreesPerUnit
            let bottom = (geoTransform.originY - Double(row + 1) * geoTransform.cellHeight) * degreesPerUnit
            return ellipsoid.cellRowArea(southLatitude: Swift.min(top, bottom), northLatitude: Swift.max(top, bottom),
                                         longitudeSpan: abs(span))
        }
    }

    /// True when `other` has the same size, geotransform (to 1e-9 of a cell) and CRS.
    func matches(_ dataset: Dataset, crs: SpatialReference?, reference: SpatialReference) -> String? {
        if dataset.width != width || dataset.height != height {
            return "is \(dataset.width) × \(dataset.height) cells, not \(width) × \(height)"
        }
        guard let gt = dataset.geoTransform, gt.isClose(to: geoTransform) else {
            return "has geotransform (\(dataset.geoTransform?.description ?? "none")), not (\(geoTransform))"
        }
        if let crs, !crs.isSame(as: reference) {
            return "is in CRS '\(crs.name)', not '\(crsName)'"
        }
        return nil
    }
}

extension RasterGrid {
    /// The grid as the coverage code sees it (north-up only).
    public var cellGrid: CellGrid? {
        guard geoTransform.isNorthUp else { return nil }
        return CellGrid(originX: geoTransform.originX, originY: geoTransform.originY, cellWidth: geoTransform.cellWidth,
                        cellHeight: geoTransform.cellHeight, columns: width, rows: height)
    }
}
