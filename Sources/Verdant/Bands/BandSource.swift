import Foundation

/// One band of one raster file: `FILE` (band 1) or `FILE:BAND` with an index or a description.
public struct BandSource: Hashable, Sendable, CustomStringConvertible {
    /// The raster's path (or GDAL connection string such as `/vsicurl/…`).
    public var path: String
    /// Which band of it.
    public var band: BandSelector

    /// A band of a file.
    public init(path: String, band: BandSelector) {
        self.path = path
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

    /// `FILE:BAND`.
    public var description: String { "\(path):\(band)" }
}
