internal import CGDAL

/// A GDAL format driver (GTiff, COG, PNG, MEM, …).
///
/// Thread rules: a driver handle is owned by GDAL's driver manager for the life of the process and never freed or
/// changed here; GDAL's create and copy calls on one driver may run on several threads at once (each makes its own
/// dataset). That is why it is `Sendable`.
public final class Driver: @unchecked Sendable {
    let handle: GDALDriverH
    /// The driver's short name.
    public let name: String

    /// The driver named `name`; throws when this GDAL lacks it.
    public init(named name: String) throws {
        self.name = name
        _ = GDALCall.registered
        guard let h = GDALGetDriverByName(name) else {
            throw GDALError(context: "this GDAL (\(GDAL.version)) has no '\(name)' driver")
        }
        self.handle = h
    }

    /// True when this GDAL has a driver named `name`.
    public static func exists(_ name: String) -> Bool {
        _ = GDALCall.registered
        return GDALGetDriverByName(name) != nil
    }

    /// Creates a new raster file.
    public func create(
        path: String, width: Int, height: Int, bandCount: Int, dataType: DataType,
        options: [String] = []
    ) throws -> Dataset {
        let h = try GDALCall.handle("creating '\(path)' (\(name))") {
            CStringList(options).withPointer {
                GDALCreate(handle, path, Int32(width), Int32(height), Int32(bandCount), dataType.gdal, $0)
            }
        }
        return Dataset(owning: h, path: path)
    }

    /// Writes a copy of `source` in this driver's format (e.g. a COG from a GTiff).
    public func createCopy(of source: Dataset, path: String, options: [String] = []) throws -> Dataset {
        let src = try source.handle()
        let h = try GDALCall.handle("writing '\(path)' (\(name))") {
            CStringList(options).withPointer { GDALCreateCopy(handle, path, src, 0, $0, nil, nil) }
        }
        return Dataset(owning: h, path: path)
    }

    /// Deletes a dataset and its sidecar files through the driver.
    public func delete(path: String) throws {
        try GDALCall.check("deleting '\(path)'") { GDALDeleteDataset(handle, path) }
    }
}
