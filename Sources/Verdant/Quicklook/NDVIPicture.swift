import Foundation
import GDALKit

/// A scene's NDVI at picture size, for quicklooks: each picture cell holds the mean NDVI of the observed scene cells
/// it covers (NaN where none is observed). Made from the tiles of a pass over the scene (an estimate's own, or
/// `QuicklookRaster`'s), never from a full-resolution raster.
public struct NDVIPicture: Hashable, Sendable {
    /// Picture cells across.
    public var width: Int
    /// Picture cells down.
    public var height: Int
    /// The picture's geotransform (the scene's extent, larger cells).
    public var geoTransform: GeoTransform
    /// The scene's CRS as WKT.
    public var crsWKT: String
    /// Mean NDVI per picture cell, row-major, NaN where nothing was observed.
    public var values: [Float]
    /// The share of each picture cell's scene cells masked as cloud (or cloud shadow), row-major.
    public var cloud: [Float] = []

    /// The picture's size for a `width × height` scene: at most `maxSize` cells a side (as `Quicklook.write` reads it).
    public static func size(width: Int, height: Int, maxSize: Int) -> (width: Int, height: Int) {
        let scale = Swift.min(1, Double(maxSize) / Double(Swift.max(width, height)))
        return (
            Swift.max(1, Int((Double(width) * scale).rounded())), Swift.max(1, Int((Double(height) * scale).rounded()))
        )
    }

    /// Writes the picture as a one-band Float32 GeoTIFF (a scratch file for `Quicklook.write`; overwritten).
    public func write(to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let ds = try Driver(named: "GTiff").create(
            path: path, width: width, height: height, bandCount: 1, dataType: .float32)
        try ds.setGeoTransform(geoTransform)
        try ds.setSpatialReference(try SpatialReference(userInput: crsWKT))
        let band = try ds.band(1)
        try band.setNoDataValue(.nan)
        try band.setBandDescription("NDVI")
        try band.write(window: try Window(columnOffset: 0, rowOffset: 0, width: width, height: height), values: values)
        try ds.close()
    }

    /// Turns tiles' cells into picture sums, and the sums of every tile into the picture.
    public struct Builder: Sendable {
        let grid: RasterGrid
        let size: (width: Int, height: Int)

        /// A builder for pictures of `grid` of at most `maxSize` cells a side.
        public init(grid: RasterGrid, maxSize: Int) {
            self.grid = grid
            size = NDVIPicture.size(width: grid.width, height: grid.height, maxSize: maxSize)
        }

        /// The NDVI sums of the observed cells of one tile over the picture cells it covers.
        public func sums(window: Window, cells: TileCells) -> Sums {
            let (w, h) = size, gw = grid.width, gh = grid.height
            // Scene column c falls in picture column c·w / W (and rows alike).
            let x0 = window.columnOffset * w / gw, x1 = (window.columnOffset + window.width - 1) * w / gw
            let y0 = window.rowOffset * h / gh, y1 = (window.rowOffset + window.height - 1) * h / gh
            var sums = Sums(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
            let columns = (0..<window.width).map { (window.columnOffset + $0) * w / gw - x0 }
            let status = cells.status, ndvi = cells.ndvi
            for r in 0..<window.height {
                let py = (window.rowOffset + r) * h / gh - y0
                for c in 0..<window.width {
                    let i = r * window.width + c
                    sums.count(x: columns[c], y: py, cloud: status[i] == CellStatus.cloud.rawValue)
                    guard status[i] == CellStatus.observed.rawValue, ndvi[i].isFinite else { continue }
                    sums.add(ndvi[i], x: columns[c], y: py)
                }
            }
            return sums
        }

        /// The picture from the sums of the tiles, added in the order given (tile order: the same bits for any
        /// number of workers).
        public func picture(_ tiles: [Sums]) -> NDVIPicture {
            let (w, h) = size
            var total = [Double](repeating: 0, count: w * h), count = [Int](repeating: 0, count: w * h)
            var cells = count, clouds = count
            for p in tiles {
                for y in 0..<p.height {
                    for x in 0..<p.width {
                        let k = (p.y + y) * w + p.x + x, j = y * p.width + x
                        total[k] += p.sums[j]
                        count[k] += p.counts[j]
                        cells[k] += p.cells[j]
                        clouds[k] += p.clouds[j]
                    }
                }
            }
            let g = grid.geoTransform.coefficients
            let transform = GeoTransform([
                g[0], g[1] * Double(grid.width) / Double(w), g[2],
                g[3], g[4], g[5] * Double(grid.height) / Double(h)
            ])
            return NDVIPicture(
                width: w, height: h, geoTransform: transform, crsWKT: grid.crsWKT,
                values: zip(total, count).map { $1 > 0 ? Float($0 / Double($1)) : .nan },
                cloud: zip(clouds, cells).map { $1 > 0 ? Float($0) / Float($1) : 0 })
        }
    }

    /// Sums of NDVI and counts of observed, cloud and all cells over the picture cells one tile covers.
    public struct Sums: Sendable, Codable {
        var x: Int, y: Int, width: Int, height: Int
        var sums: [Double], counts: [Int], cells: [Int], clouds: [Int]

        init(x: Int, y: Int, width: Int, height: Int) {
            (self.x, self.y, self.width, self.height) = (x, y, width, height)
            sums = [Double](repeating: 0, count: width * height)
            counts = [Int](repeating: 0, count: width * height)
            cells = counts
            clouds = counts
        }

        mutating func count(x: Int, y: Int, cloud: Bool) {
            cells[y * width + x] += 1
            if cloud { clouds[y * width + x] += 1 }
        }

        mutating func add(_ v: Double, x: Int, y: Int) {
            sums[y * width + x] += v
            counts[y * width + x] += 1
        }
    }
}
