import Foundation
import GDALKit

/// A scene's NDVI at picture size, for `Quicklook.write`: each picture cell holds the mean NDVI of the observed
/// scene cells it covers (NaN where none is observed). Made in one pass over the tiles, without writing the
/// full-resolution raster (which, for a whole Sentinel-2 scene, takes several times longer than the estimate).
public enum QuicklookRaster {
    /// The picture's size for a `width × height` scene: at most `maxSize` cells a side (as `Quicklook.write` reads it).
    public static func size(width: Int, height: Int, maxSize: Int) -> (width: Int, height: Int) {
        let scale = Swift.min(1, Double(maxSize) / Double(Swift.max(width, height)))
        return (Swift.max(1, Int((Double(width) * scale).rounded())), Swift.max(1, Int((Double(height) * scale).rounded())))
    }

    /// Computes the NDVI of `inputs` (cells judged with `masks`) at picture size and writes it as a GeoTIFF at
    /// `path` (a scratch file: it is overwritten).
    public static func writeNDVI(inputs: RasterInputs, masks: MaskRules, execution: ExecutionOptions, maxSize: Int = 800,
                                 to path: String) throws {
        try execution.validate()
        try inputs.require([.red, .nir], for: "the NDVI picture")
        let rules = try CellRules(model: try BiomassModel(parsing: "linear:0,1"), masks: masks)
        let resolved = try ResolvedInputs.resolve(inputs, roles: [.red, .nir])
        let grid = resolved.grid
        let plan = try TilePlan(width: grid.width, height: grid.height, blockWidth: resolved.blockWidth,
                                blockHeight: resolved.blockHeight, requested: execution.tileSize)
        GDAL.setCacheMax(bytes: execution.gdalCacheBytes)
        let (w, h) = size(width: grid.width, height: grid.height, maxSize: maxSize)
        let gridWidth = grid.width, gridHeight = grid.height
        // Scene column c falls in picture column c·w / W (and rows alike).
        let partials = try TileExecutor.run(
            tiles: plan.tiles, threads: execution.threads, progress: execution.progress,
            makeWorker: { (reader: try TileReader(inputs: resolved), cells: TileCells()) },
            process: { worker, _, window -> PictureSums in
                try worker.reader.load(window)
                try worker.cells.compute(worker.reader, count: window.cellCount, rules: rules)
                let x0 = window.columnOffset * w / gridWidth, x1 = (window.columnOffset + window.width - 1) * w / gridWidth
                let y0 = window.rowOffset * h / gridHeight, y1 = (window.rowOffset + window.height - 1) * h / gridHeight
                var sums = PictureSums(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
                let columns = (0..<window.width).map { (window.columnOffset + $0) * w / gridWidth - x0 }
                worker.cells.status.withUnsafeBufferPointer { status in
                    worker.cells.ndvi.withUnsafeBufferPointer { ndvi in
                        for r in 0..<window.height {
                            let py = (window.rowOffset + r) * h / gridHeight - y0
                            for c in 0..<window.width {
                                let i = r * window.width + c
                                guard status[i] == CellStatus.observed.rawValue, ndvi[i].isFinite else { continue }
                                sums.add(ndvi[i], x: columns[c], y: py)
                            }
                        }
                    }
                }
                return sums
            })
        var total = [Double](repeating: 0, count: w * h), count = [Int](repeating: 0, count: w * h)
        for p in partials {
            for y in 0..<p.height {
                for x in 0..<p.width {
                    let k = (p.y + y) * w + p.x + x
                    total[k] += p.sums[y * p.width + x]
                    count[k] += p.counts[y * p.width + x]
                }
            }
        }
        let values = zip(total, count).map { $1 > 0 ? $0 / Double($1) : .nan }
        let g = grid.geoTransform.coefficients
        let transform = GeoTransform([g[0], g[1] * Double(gridWidth) / Double(w), g[2], g[3], g[4], g[5] * Double(gridHeight) / Double(h)])
        try? FileManager.default.removeItem(atPath: path)
        let ds = try Driver(named: "GTiff").create(path: path, width: w, height: h, bandCount: 1, dataType: .float32)
        try ds.setGeoTransform(transform)
        try ds.setSpatialReference(try SpatialReference(userInput: grid.crsWKT))
        let band = try ds.band(1)
        try band.setNoDataValue(.nan)
        try band.setBandDescription("NDVI")
        try band.write(window: try Window(columnOffset: 0, rowOffset: 0, width: w, height: h), values: values.map { Float($0) })
        try ds.close()
    }

    /// Sums of NDVI and counts of observed cells over the picture cells one tile covers.
    struct PictureSums: Sendable {
        var x: Int, y: Int, width: Int, height: Int
        var sums: [Double], counts: [Int]

        init(x: Int, y: Int, width: Int, height: Int) {
            (self.x, self.y, self.width, self.height) = (x, y, width, height)
            sums = [Double](repeating: 0, count: width * height)
            counts = [Int](repeating: 0, count: width * height)
        }

        mutating func add(_ v: Double, x: Int, y: Int) {
            sums[y * width + x] += v
            counts[y * width + x] += 1
        }
    }
}
