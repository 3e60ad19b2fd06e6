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

    /// The grid of a raster of `width × height` cells with `geoTransform` in `crs` (`path` names it in errors).
    init(path: String, width: Int, height: Int, geoTransform gt: GeoTransform, crs: SpatialReference) throws {
        self.width = width
        self.height = height
        geoTransform = gt
        crsWKT = crs.wkt
        crsName = crs.name
        crsCode = crs.authorityCode
        isGeographic = crs.isGeographic
        unitSize = crs.isGeographic ? crs.angularUnitsInRadians : crs.linearUnitsInMetres
        ellipsoid = Ellipsoid(semiMajorAxis: crs.semiMajorAxis, inverseFlattening: crs.inverseFlattening)
        if isGeographic && !gt.isNorthUp {
            throw VerdantError.input(
                file: path,
                problem: "is a rotated longitude/latitude grid; Verdant needs north-up cells on geographic grids")
        }
    }

    /// The grid's bounds in its CRS (north-up grids).
    public var extent: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        let x0 = geoTransform.originX, y0 = geoTransform.originY
        let x1 = x0 + Double(width) * geoTransform.cellWidth, y1 = y0 - Double(height) * geoTransform.cellHeight
        return (Swift.min(x0, x1), Swift.min(y0, y1), Swift.max(x0, x1), Swift.max(y0, y1))
    }

    /// The largest number of cells a side GDAL's rasters (and so the analysis grid) can have.
    public static let maximumSide = Int(Int32.max)

    /// The same area cut into cells of `cellSize` (CRS units) from the same origin; the last row and column may
    /// reach past the old edge. Throws, before any work, when the grid would have more than `maximumSide` cells a
    /// side (`file` names the grid's file).
    func resampled(cellSize: Double, file: String) throws -> RasterGrid {
        guard cellSize.isFinite, cellSize > 0, geoTransform.isNorthUp else {
            throw VerdantError.invalidParameter(
                .resolution,
                problem: "must be a positive cell size in the grid's CRS units, on a north-up grid (got \(cellSize))")
        }
        var g = self
        let e = extent
        let columns = ((e.maxX - e.minX) / cellSize - 1e-9).rounded(.up)
        let rows = ((e.maxY - e.minY) / cellSize - 1e-9).rounded(.up)
        guard columns <= Double(Self.maximumSide), rows <= Double(Self.maximumSide) else {
            func count(_ v: Double) -> String { v.isFinite ? String(format: "%.3g", v) : "infinitely many" }
            throw VerdantError.invalidParameter(
                .resolution,
                problem:
                    "\(cellSize) makes an analysis grid of \(count(columns)) × \(count(rows)) cells (\(count(columns * rows)) cells) over \(file); a grid has at most \(Self.maximumSide) cells a side: give a coarser \(param: .resolution)"
            )
        }
        g.width = max(1, Int(columns))
        g.height = max(1, Int(rows))
        g.geoTransform = GeoTransform(
            originX: geoTransform.originX, originY: geoTransform.originY, cellWidth: cellSize, cellHeight: cellSize)
        return g
    }

    /// The area in m² of one cell of each row: constant on a projected grid, the exact ellipsoidal area of the
    /// row's cells on a longitude/latitude grid.
    public func rowCellAreas() -> [Double] {
        if !isGeographic {
            let a = geoTransform.cellArea * unitSize * unitSize
            return [Double](repeating: a, count: height)
        }
        return (0..<height).map { cellArea(row: $0) }
    }

    /// The area in m² of one cell of `row`.
    public func cellArea(row: Int) -> Double {
        if !isGeographic { return geoTransform.cellArea * unitSize * unitSize }
        let degreesPerUnit = unitSize * 180 / Double.pi
        let span = geoTransform.cellWidth * degreesPerUnit
        let top = (geoTransform.originY - Double(row) * geoTransform.cellHeight) * degreesPerUnit
        let bottom = (geoTransform.originY - Double(row + 1) * geoTransform.cellHeight) * degreesPerUnit
        return ellipsoid.cellRowArea(
            southLatitude: Swift.min(top, bottom), northLatitude: Swift.max(top, bottom),
            longitudeSpan: abs(span))
    }
}

extension RasterGrid {
    /// The area in m² of `geometry`, given in the grid's CRS units: planar on a projected grid, ellipsoidal on a
    /// longitude/latitude grid (a parcel's area).
    func area(of geometry: MultiPolygon) -> Double {
        if isGeographic {
            let degrees = unitSize * 180 / Double.pi
            let inDegrees = MultiPolygon(
                polygons: geometry.polygons.map { p in
                    Polygon(
                        exterior: p.exterior.map { Coordinate(x: $0.x * degrees, y: $0.y * degrees) },
                        holes: p.holes.map { $0.map { Coordinate(x: $0.x * degrees, y: $0.y * degrees) } })
                })
            return ellipsoid.area(of: inDegrees)
        }
        return geometry.area * unitSize * unitSize
    }

    /// The grid as the coverage code sees it (north-up only).
    public var cellGrid: CellGrid? {
        guard geoTransform.isNorthUp else { return nil }
        return CellGrid(
            originX: geoTransform.originX, originY: geoTransform.originY, cellWidth: geoTransform.cellWidth,
            cellHeight: geoTransform.cellHeight, columns: width, rows: height)
    }
}
