internal import CGDAL

/// An open vector dataset (GeoJSON, GeoPackage, Shapefile, FlatGeobuf, …). Not thread-safe.
public final class VectorDataset {
    private var handleStorage: GDALDatasetH?
    /// The path it was opened or created with.
    public let path: String

    init(owning handle: GDALDatasetH, path: String) {
        self.handleStorage = handle
        self.path = path
    }

    deinit {
        if let h = handleStorage { _ = try? GDALCall.run("closing '\(path)'") { GDALClose(h) } }
    }

    /// Opens a vector dataset for reading.
    public static func open(_ path: String) throws -> VectorDataset {
        let flags = UInt32(GDAL_OF_VECTOR) | UInt32(GDAL_OF_READONLY) | UInt32(GDAL_OF_VERBOSE_ERROR)
        let h = try GDALCall.handle("opening vector '\(path)'") { GDALOpenEx(path, flags, nil, nil, nil) }
        return VectorDataset(owning: h, path: path)
    }

    /// The short name of the vector driver GDAL would open `path` with (it reads only the file's first bytes), or
    /// nil when no driver claims it.
    public static func identifyDriver(_ path: String) -> String? {
        let flags = UInt32(GDAL_OF_VECTOR)
        let driver = GDALCall.collecting { GDALIdentifyDriverEx(path, flags, nil, nil) }.value
        guard let d = driver, let name = GDALGetDriverShortName(d) else { return nil }
        return String(cString: name)
    }

    /// Creates a new vector dataset with the driver `driverName` (e.g. `GPKG`, `GeoJSON`).
    public static func create(_ path: String, driverName: String, options: [String] = []) throws -> VectorDataset {
        let driver = try Driver(named: driverName)
        let h = try GDALCall.handle("creating '\(path)' (\(driverName))") {
            CStringList(options).withPointer { GDALCreate(driver.handle, path, 0, 0, 0, GDT_Unknown, $0) }
        }
        return VectorDataset(owning: h, path: path)
    }

    func handle() throws -> GDALDatasetH {
        guard let h = handleStorage else { throw GDALError(context: "'\(path)' is already closed") }
        return h
    }

    /// Closes the dataset now (writing what is pending) and throws when GDAL fails to.
    public func close() throws {
        guard let h = handleStorage else { return }
        handleStorage = nil
        try GDALCall.run("closing '\(path)'") { GDALClose(h) }
    }

    /// The short name of the driver that opened it.
    public var driverName: String {
        guard let h = handleStorage, let d = GDALGetDatasetDriver(h), let n = GDALGetDriverShortName(d) else {
            return ""
        }
        return String(cString: n)
    }

    /// Number of layers.
    public var layerCount: Int { handleStorage.map { Int(GDALDatasetGetLayerCount($0)) } ?? 0 }

    /// Layer names, in order.
    public var layerNames: [String] { (0..<layerCount).compactMap { try? layer(at: $0).name } }

    /// Layer `index` (0-based).
    public func layer(at index: Int) throws -> VectorLayer {
        let h = try handle()
        let l = try GDALCall.handle("getting layer \(index) of '\(path)'") { GDALDatasetGetLayer(h, Int32(index)) }
        return VectorLayer(handle: l, dataset: self)
    }

    /// The layer called `name`.
    public func layer(named name: String) throws -> VectorLayer {
        let h = try handle()
        guard let l = GDALDatasetGetLayerByName(h, name) else {
            throw GDALError(context: "'\(path)' has no layer '\(name)' (layers: \(layerNames.joined(separator: ", ")))")
        }
        return VectorLayer(handle: l, dataset: self)
    }

    /// Creates a multipolygon layer, a point layer (`points`), or with `attributesOnly` a table without geometry (a
    /// GeoPackage attribute table).
    public func createLayer(
        name: String, spatialReference: SpatialReference?, options: [String] = [], attributesOnly: Bool = false,
        points: Bool = false
    ) throws -> VectorLayer {
        let h = try handle()
        let type = attributesOnly ? wkbNone : points ? wkbPoint : wkbMultiPolygon
        let l = try GDALCall.handle("creating layer '\(name)' in '\(path)'") {
            CStringList(options).withPointer {
                GDALDatasetCreateLayer(h, name, attributesOnly ? nil : spatialReference?.handle, type, $0)
            }
        }
        return VectorLayer(handle: l, dataset: self)
    }

    /// Runs `body` in a transaction when the format supports one (much faster GeoPackage writes).
    public func inTransaction(_ body: () throws -> Void) throws {
        let h = try handle()
        let started = GDALDatasetStartTransaction(h, 0) == OGRERR_NONE
        do {
            try body()
        } catch {
            if started { _ = GDALDatasetRollbackTransaction(h) }
            throw error
        }
        if started {
            try GDALCall.checkOGR("committing writes to '\(path)'") { GDALDatasetCommitTransaction(h) }
        }
    }
}
