import Foundation
import GDALKit

/// Writes one band (Float32 with NaN nodata by default, or another cell type and nodata value, such as Byte with
/// 255) as a Cloud-Optimized GeoTIFF: tiles go into a temporary tiled GeoTIFF beside the
/// output (any worker may write, one at a time), `finish()` turns it into a COG with overviews and renames it
/// into place. Until then the output path is untouched; `abandon()` removes the temporaries.
///
/// Thread rules: every access to its dataset and state goes through its lock, so workers may write tiles from any
/// thread; the GDAL dataset itself is only ever touched by one thread at a time.
public final class COGWriter: @unchecked Sendable {
    /// The output.
    public let output: OutputPath
    private let staging: String
    private let cogTemp: String
    /// True between `convert()` and `commit()`.
    private var converted = false
    private let lock = NSLock()
    private var dataset: Dataset?
    private let options: COGOptions
    private let grid: RasterGrid
    /// The cell type of the band.
    public let dataType: DataType
    /// A legend for band 1 (class names and colours): its colour table goes into the COG.
    public var classTable: ClassTable?

    /// Creates the staging file (this is where an unwritable output fails, before any work is done) for a band of
    /// `dataType` cells (Float32 by default) whose nodata value is `noData` (NaN by default).
    public convenience init(
        output: OutputPath, grid: RasterGrid, bandDescription: String, unit: String, options: COGOptions,
        dataType: DataType = .float32, noData: Double = .nan
    ) throws {
        try self.init(
            output: output, grid: grid, bandDescriptions: [bandDescription], unit: unit, options: options,
            dataType: dataType, noData: noData)
    }

    /// Creates the staging file of a COG with one band per description (all of one cell type and nodata value),
    /// band 1 first.
    public init(
        output: OutputPath, grid: RasterGrid, bandDescriptions: [String], unit: String, options: COGOptions,
        dataType: DataType = .float32, noData: Double = .nan
    ) throws {
        precondition(!bandDescriptions.isEmpty, "a COG needs a band")
        guard !dataType.isComplex, dataType != .unknown else {
            throw VerdantError.internal("COG writer: cells of type \(dataType.rawValue) are not written")
        }
        self.output = output
        self.grid = grid
        self.options = options
        self.dataType = dataType
        self.staging = output.temporarySibling(tag: "staging")
        self.cogTemp = output.temporarySibling(tag: "cog")
        do {
            let driver = try Driver(named: "GTiff")
            let ds = try driver.create(
                path: staging, width: grid.width, height: grid.height, bandCount: bandDescriptions.count,
                dataType: dataType,
                options: [
                    "TILED=YES", "INTERLEAVE=BAND", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=ZSTD",
                    "ZSTD_LEVEL=1", dataType.isFloatingPoint ? "PREDICTOR=3" : "PREDICTOR=2", "BIGTIFF=IF_SAFER",
                    "SPARSE_OK=TRUE"
                ])
            try ds.setGeoTransform(grid.geoTransform)
            try ds.setSpatialReference(SpatialReference(userInput: grid.crsWKT))
            for (i, description) in bandDescriptions.enumerated() {
                let band = try ds.band(i + 1)
                try band.setNoDataValue(noData)
                try band.setBandDescription(description)
            }
            try ds.setMetadataItem("UNITS", unit)
            self.dataset = ds
        } catch {
            output.discard(staging)
            throw VerdantError.output(file: output.path, problem: "\(error)")
        }
    }

    deinit { abandon() }

    /// Writes the cells of `window` (row-major, of the writer's cell type: Float32 by default, NaN = nodata) into
    /// band `band` (1-based).
    public func write<T: RasterElement>(window: Window, band: Int = 1, values: [T]) throws {
        guard T.dataType == dataType else {
            throw VerdantError.internal(
                "COG writer for \(output.path): \(T.dataType.rawValue) cells given for a \(dataType.rawValue) band")
        }
        try lock.withLock {
            guard let ds = dataset else {
                throw VerdantError.internal("COG writer for \(output.path) already finished")
            }
            do { try ds.write(window: window, bands: [band], values: values) } catch {
                throw VerdantError.output(file: output.path, problem: "\(error)")
            }
        }
    }

    /// Converts the staging file to a COG and moves it onto the output path.
    public func finish() throws {
        try convert()
        try commit()
    }

    /// Converts the staging file to a COG beside the output, leaving the output path untouched: a run with
    /// several outputs converts them all before it commits any, so that a failure leaves none behind.
    public func convert() throws {
        do {
            try lock.withLock {
                guard let staged = dataset else {
                    throw VerdantError.internal("COG writer for \(output.path) already finished")
                }
                if let classTable { try staged.band(1).setClassTable(classTable) }
                try staged.flush()
                let cog = try Driver(named: "COG").createCopy(
                    of: staged, path: cogTemp,
                    options: options.creationOptions(width: grid.width, height: grid.height, dataType: dataType))
                try cog.close()
                try staged.close()
                dataset = nil
                converted = true
            }
            output.discard(staging)
            // GDAL keeps what a TIFF cannot hold (category names, attribute table) in a .aux.xml beside each
            // temporary; the caller writes the output's own, so these would only be left behind.
            unlink(staging + ".aux.xml")
            unlink(cogTemp + ".aux.xml")
        } catch {
            unlink(staging + ".aux.xml")
            unlink(cogTemp + ".aux.xml")
            output.discard(cogTemp)
            abandon()
            if let e = error as? VerdantError { throw e }
            throw VerdantError.output(file: output.path, problem: "\(error)")
        }
    }

    /// Moves the converted COG onto the output path.
    public func commit() throws {
        guard lock.withLock({ converted }) else {
            throw VerdantError.internal("COG writer for \(output.path) was not converted")
        }
        do {
            try output.commit(from: cogTemp)
            lock.withLock { converted = false }
        } catch {
            abandon()
            if let e = error as? VerdantError { throw e }
            throw VerdantError.output(file: output.path, problem: "\(error)")
        }
    }

    /// Drops the staging file (and a converted COG not yet committed) without touching the output path.
    public func abandon() {
        let pending = lock.withLock { () -> Bool in
            try? dataset?.close()
            dataset = nil
            defer { converted = false }
            return converted
        }
        output.discard(staging)
        // A committed COG belongs to its output (or to the run's publication) now.
        if pending { output.discard(cogTemp) }
    }
}
