internal import CGDAL

/// An open GDAL raster dataset. Not thread-safe: use one per thread (open the same path again).
///
/// Once closed, operations that need GDAL throw; its size, band count and driver stay readable (taken when it was
/// opened), and its georeferencing and metadata read as absent. Nothing traps.
public final class Dataset {
    private var handleStorage: GDALDatasetH?
    /// The path or connection string the dataset was opened or created with.
    public let path: String
    /// Width in cells.
    public let width: Int
    /// Height in cells.
    public let height: Int
    /// Number of bands.
    public let bandCount: Int
    /// The short name of the driver that opened it (e.g. `GTiff`).
    public let driverName: String

    /// How a dataset is opened.
    public enum Access: Sendable {
        /// Read only.
        case readOnly
        /// Read and write (update in place).
        case update
    }

    init(owning handle: GDALDatasetH, path: String) {
        self.handleStorage = handle
        self.path = path
        width = Int(GDALGetRasterXSize(handle))
        height = Int(GDALGetRasterYSize(handle))
        bandCount = Int(GDALGetRasterCount(handle))
        driverName =
            GDALGetDatasetDriver(handle).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? ""
    }

    deinit {
        if let h = handleStorage { _ = try? GDALCall.run("closing '\(path)'") { GDALClose(h) } }
    }

    /// Opens a raster: any format GDAL reads, including `/vsicurl/` and other virtual file systems.
    public static func open(_ path: String, access: Access = .readOnly) throws -> Dataset {
        var flags = UInt32(GDAL_OF_RASTER) | UInt32(GDAL_OF_VERBOSE_ERROR)
        flags |= access == .update ? UInt32(GDAL_OF_UPDATE) : UInt32(GDAL_OF_READONLY)
        let h = try GDALCall.handle("opening raster '\(path)'") {
            GDALOpenEx(path, flags, nil, nil, nil)
        }
        return Dataset(owning: h, path: path)
    }

    func handle() throws -> GDALDatasetH {
        guard let h = handleStorage else { throw GDALError(context: "'\(path)' is already closed") }
        return h
    }

    /// The handle while the dataset is open.
    var openHandle: GDALDatasetH? { handleStorage }

    /// Closes the dataset now, writing what is pending, and throws when GDAL fails to; later calls do nothing.
    public func close() throws {
        guard let h = handleStorage else { return }
        handleStorage = nil
        try GDALCall.run("closing '\(path)'") { GDALClose(h) }
    }

    /// Writes cached blocks to the file.
    public func flush() throws {
        let h = try handle()
        try GDALCall.run("writing '\(path)'") { GDALFlushCache(h) }
    }

    /// The geotransform, or nil when the dataset has none (or is closed).
    public var geoTransform: GeoTransform? {
        guard let h = openHandle else { return nil }
        var c = [Double](repeating: 0, count: 6)
        let err = c.withUnsafeMutableBufferPointer { GDALGetGeoTransform(h, $0.baseAddress) }
        return err == CE_None ? GeoTransform(c) : nil
    }

    /// Sets the geotransform.
    public func setGeoTransform(_ transform: GeoTransform) throws {
        let h = try handle()
        var c = transform.coefficients
        try GDALCall.check("setting the geotransform of '\(path)'") {
            c.withUnsafeMutableBufferPointer { GDALSetGeoTransform(h, $0.baseAddress) }
        }
    }

    /// The CRS, or nil when the dataset has none.
    public var spatialReference: SpatialReference? {
        guard let h = openHandle, let srs = GDALGetSpatialRef(h) else { return nil }
        return SpatialReference(owning: OSRClone(srs))
    }

    /// The CRS (nil when the dataset has none) with the messages GDAL raised while reading it: GDAL reports a
    /// CRS code PROJ does not know only as warnings, and falls back to a CRS without a datum.
    public func spatialReferenceWithMessages() -> (crs: SpatialReference?, messages: [String]) {
        let (srs, messages) = GDALCall.collecting { () -> SpatialReference? in
            guard let h = openHandle, let srs = GDALGetSpatialRef(h) else { return nil }
            return SpatialReference(owning: OSRClone(srs))
        }
        return (srs, messages)
    }

    /// Sets the CRS.
    public func setSpatialReference(_ srs: SpatialReference) throws {
        let h = try handle()
        try GDALCall.check("setting the CRS of '\(path)'") { GDALSetSpatialRef(h, srs.handle) }
    }

    /// Band `index`, 1-based like GDAL and rasterio.
    public func band(_ index: Int) throws -> RasterBand {
        let h = try handle()
        guard index >= 1, index <= bandCount else {
            throw GDALError(context: "'\(path)' has \(bandCount) band(s); there is no band \(index)")
        }
        let b = try GDALCall.handle("getting band \(index) of '\(path)'") { GDALGetRasterBand(h, Int32(index)) }
        return RasterBand(handle: b, dataset: self, index: index)
    }

    /// All bands, in order.
    public func bands() throws -> [RasterBand] { try (0..<bandCount).map { try band($0 + 1) } }

    /// Metadata items of a domain (nil: the default domain) as a dictionary.
    public func metadata(domain: String? = nil) -> [String: String] {
        guard let h = openHandle else { return [:] }
        return Metadata.dictionary(GDALGetMetadata(h, domain))
    }

    /// One metadata item, or nil.
    public func metadataItem(_ name: String, domain: String? = nil) -> String? {
        guard let h = openHandle else { return nil }
        return GDALGetMetadataItem(h, name, domain).map { String(cString: $0) }
    }

    /// Sets one metadata item.
    public func setMetadataItem(_ name: String, _ value: String, domain: String? = nil) throws {
        let h = try handle()
        try GDALCall.check("setting metadata '\(name)' of '\(path)'") { GDALSetMetadataItem(h, name, value, domain) }
    }

    /// Files that make up the dataset (main file, sidecars).
    public var fileList: [String] {
        guard let h = openHandle else { return [] }
        let list = GDALGetFileList(h)
        defer { CSLDestroy(list) }
        return CStringList.strings(from: list)
    }

    /// Reads `bands` (1-based) of `window` in one request into `buffer`, band after band (band-sequential),
    /// converting to `T` as GDAL does. `buffer` must hold `window.cellCount × bands.count` values.
    func read<T: RasterElement>(window: Window, bands: [Int], into buffer: UnsafeMutableBufferPointer<T>) throws {
        try rasterIO(
            GF_Read, window: window, bands: bands, buffer: UnsafeMutableRawPointer(buffer.baseAddress),
            count: buffer.count, type: T.self)
    }

    /// Reads `bands` (1-based) of `window` in one request into the first `window.cellCount × bands.count` values of
    /// `values` (band-sequential), converting to `T` as GDAL does; `values` is grown to that size when shorter, and
    /// its storage is reused otherwise.
    public func read<T: RasterElement>(window: Window, bands: [Int], into values: inout [T]) throws {
        let needed = window.cellCount * bands.count
        if values.count < needed { values = [T](unsafeUninitializedCapacity: needed) { _, n in n = needed } }
        try values.withUnsafeMutableBufferPointer { buffer in
            try read(window: window, bands: bands, into: UnsafeMutableBufferPointer(rebasing: buffer[0..<needed]))
        }
    }

    /// Reads `bands` (1-based) of `window` into a new band-sequential array.
    public func read<T: RasterElement>(window: Window, bands: [Int], as type: T.Type = T.self) throws -> [T] {
        var out = [T](unsafeUninitializedCapacity: window.cellCount * bands.count) { _, n in
            n = window.cellCount * bands.count
        }
        try out.withUnsafeMutableBufferPointer { try read(window: window, bands: bands, into: $0) }
        return out
    }

    /// Reads the whole raster's `bands` resampled (nearest, from overviews when GDAL has them) to
    /// `width × height` cells, band-sequential.
    public func readResampled<T: RasterElement>(
        bands: [Int], width bufferWidth: Int, height bufferHeight: Int,
        as type: T.Type = T.self
    ) throws -> [T] {
        let h = try handle()
        var out = [T](unsafeUninitializedCapacity: bufferWidth * bufferHeight * bands.count) { _, n in
            n = bufferWidth * bufferHeight * bands.count
        }
        var map = bands.map { Int32($0) }
        let size = MemoryLayout<T>.stride
        let w = Int32(width), hh = Int32(height)
        try GDALCall.check("reading an overview of '\(path)'") {
            out.withUnsafeMutableBytes { buffer in
                map.withUnsafeMutableBufferPointer { m in
                    GDALDatasetRasterIOEx(
                        h, GF_Read, 0, 0, w, hh, buffer.baseAddress, Int32(bufferWidth), Int32(bufferHeight),
                        T.dataType.gdal, Int32(bands.count), m.baseAddress, GSpacing(size),
                        GSpacing(size * bufferWidth), GSpacing(size * bufferWidth * bufferHeight), nil)
                }
            }
        }
        return out
    }

    /// Writes `values` (band-sequential, `window.cellCount × bands.count`) to `bands` of `window`.
    func write<T: RasterElement>(window: Window, bands: [Int], from values: UnsafeBufferPointer<T>) throws {
        try rasterIO(
            GF_Write, window: window, bands: bands, buffer: UnsafeMutableRawPointer(mutating: values.baseAddress),
            count: values.count, type: T.self)
    }

    /// Writes an array (band-sequential) to `bands` of `window`.
    public func write<T: RasterElement>(window: Window, bands: [Int], values: [T]) throws {
        try values.withUnsafeBufferPointer { try write(window: window, bands: bands, from: $0) }
    }

    private func rasterIO<T: RasterElement>(
        _ direction: GDALRWFlag, window: Window, bands: [Int],
        buffer: UnsafeMutableRawPointer?, count: Int, type: T.Type
    ) throws {
        let h = try handle()
        let verb = direction == GF_Read ? "reading" : "writing"
        guard !bands.isEmpty, count >= window.cellCount * bands.count else {
            throw GDALError(
                context:
                    "\(verb) '\(path)': buffer of \(count) values is too small for \(bands.count) band(s) of \(window)")
        }
        guard window.fits(width: width, height: height) else {
            throw GDALError(context: "\(verb) '\(path)': window \(window) lies outside the \(width) × \(height) raster")
        }
        for b in bands where b < 1 || b > bandCount {
            throw GDALError(context: "'\(path)' has \(bandCount) band(s); there is no band \(b)")
        }
        var map = bands.map { Int32($0) }
        let size = MemoryLayout<T>.stride
        try GDALCall.check("\(verb) \(window) of '\(path)'") {
            map.withUnsafeMutableBufferPointer { m in
                GDALDatasetRasterIOEx(
                    h, direction, Int32(window.columnOffset), Int32(window.rowOffset),
                    Int32(window.width), Int32(window.height), buffer,
                    Int32(window.width), Int32(window.height), T.dataType.gdal,
                    Int32(bands.count), m.baseAddress, GSpacing(size), GSpacing(size * window.width),
                    GSpacing(size * window.cellCount), nil)
            }
        }
    }
}

enum Metadata {
    static func dictionary(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String: String] {
        var out: [String: String] = [:]
        for item in CStringList.strings(from: list) {
            if let eq = item.firstIndex(of: "=") {
                out[String(item[..<eq])] = String(item[item.index(after: eq)...])
            } else if let colon = item.firstIndex(of: ":") {
                out[String(item[..<colon])] = String(item[item.index(after: colon)...])
            }
        }
        return out
    }
}
