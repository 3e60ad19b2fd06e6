import GDALKit

/// A folder of GDAL's in-memory file system holding a run's virtual rasters (mosaics, resampled bands);
/// removed when the last value that refers to it goes away.
public final class ScratchFolder: Sendable {
    /// The `/vsimem/…` folder.
    public let path: String

    init() { path = MemoryFiles.folder(tag: "inputs") }

    deinit { MemoryFiles.remove(path) }

    /// A file name inside the folder.
    func file(_ name: String) -> String { "\(path)/\(name)" }
}
