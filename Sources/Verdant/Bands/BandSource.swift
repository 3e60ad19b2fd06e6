import Foundation

/// One band of one raster file — or of several files mosaicked together — chosen by index or description.
public struct BandSource: Hashable, Sendable, CustomStringConvertible {
    /// The rasters (paths or GDAL connection strings such as `/vsicurl/…`); several are mosaicked.
    public var paths: [String]
    /// Which band of them.
    public var band: BandSelector

    /// The first (or only) raster.
    public var path: String { paths[0] }

    /// A band of one file.
    public init(path: String, band: BandSelector) {
        self.paths = [path]
        self.band = band
    }

    /// The same band of several files, mosaicked in order (later files on top where they overlap).
    public init(paths: [String], band: BandSelector) {
        precondition(!paths.isEmpty, "a band source needs a file")
        self.paths = paths
        self.band = band
    }

    /// Parses `FILE[:BAND]`. A trailing `:BAND` is taken as a band only when it holds no `/` and the whole text
    /// is not an existing file, so `/vsicurl/https://…` and paths with colons keep working.
    public init(parsing text: String) throws {
        guard !text.isEmpty else { throw VerdantError.usage("empty band source: expected FILE or FILE:BAND") }
        if let colon = text.lastIndex(of: ":"), colon != text.startIndex {
            let tail = String(text[text.index(after: colon)...])
            let head = String(text[..<colon])
            if !tail.isEmpty, !tail.contains("/"), !FileManager.default.fileExists(atPath: text) {
                self.init(path: head, band: try BandSelector(parsing: tail))
                return
            }
        }
        self.init(path: text, band: .index(1))
    }

    /// `FILE:BAND`, or `FILE+N:BAND` for a mosaic.
    public var description: String {
        paths.count == 1 ? "\(path):\(band)" : "\(path)+\(paths.count - 1):\(band)"
    }
}
