import Foundation
import GDALKit

/// An input given as an address on object storage or the web — `s3://bucket/key`, `https://…`, `http://…` — or
/// as GDAL's own virtual path for one (`/vsis3/…`, `/vsicurl/…`), and the GDAL path that reads it.
///
/// This is the one place where such addresses become GDAL paths: `s3://bucket/key` is read as
/// `/vsis3/bucket/key` and `https://host/file` as `/vsicurl/https://host/file`. Verdant keeps the address as the
/// user wrote it (errors and provenance name it) and maps it only where a file is opened. GDAL itself reads the
/// endpoint and credentials (`AWS_S3_ENDPOINT`, `AWS_REGION`, `AWS_NO_SIGN_REQUEST`, `AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_HTTPS`, `AWS_VIRTUAL_HOSTING`) and signs the requests.
public struct RemotePath: Hashable, Sendable, CustomStringConvertible {
    /// The address as given (`s3://bucket/key`, `https://host/file`, or a `/vsis3/`, `/vsicurl/` path).
    public var address: String
    /// The path GDAL opens (`/vsis3/bucket/key`, `/vsicurl/https://host/file`).
    public var gdalPath: String

    /// The remote input `text` names, or nil for a local path (or another GDAL virtual path such as `/vsizip/`).
    public init?(_ text: String) {
        let lower = text.lowercased()
        if lower.hasPrefix("s3://") {
            gdalPath = "/vsis3/" + text.dropFirst(5)
        } else if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            gdalPath = "/vsicurl/" + text
        } else if lower.hasPrefix("gs://") {
            gdalPath = "/vsigs/" + text.dropFirst(5)
        } else if RemotePath.gdalPrefixes.contains(where: { text.hasPrefix($0) }) {
            gdalPath = text
        } else {
            return nil
        }
        address = text
        _ = RemotePath.tuned
    }

    /// GDAL's prefixes for network file systems.
    static let gdalPrefixes = ["/vsis3/", "/vsicurl/", "/vsigs/", "/vsiaz/", "/vsiadls/", "/vsioss/", "/vsiswift/"]

    /// The address as given.
    public var description: String { address }

    /// The path GDAL opens for an input path: the GDAL path of a remote address, any other path unchanged.
    public static func gdalPath(_ path: String) -> String {
        RemotePath(path)?.gdalPath ?? path
    }

    /// True when `path` is a remote address (or GDAL's path for one).
    public static func isRemote(_ path: String) -> Bool { RemotePath(path) != nil }

    /// The object's size, ETag and Last-Modified date as GDAL reads them with a HEAD request (no body is read);
    /// throws an input error naming the address when the object is missing or cannot be read.
    public func status() throws -> VirtualFileStatus {
        do {
            let status = try VirtualFileStatus.of(gdalPath)
            guard !status.isDirectory else {
                throw VerdantError.input(file: address, problem: "is a folder (a key prefix), not an object")
            }
            return status
        } catch let error as VerdantError {
            throw error
        } catch let error as GDALError {
            guard let reason = error.messages.first(where: { !$0.isEmpty }) else {
                throw VerdantError.input(file: address, problem: "no such object, or it cannot be reached")
            }
            throw VerdantError.input(file: address, problem: "cannot be opened (\(ErrorText(reason)))")
        }
    }

    /// Throws naming the address when the object is missing or cannot be read.
    public func checkExists() throws { _ = try status() }

    /// The checksum recorded for the object instead of a SHA-256 (which would read the whole object):
    /// `etag:<ETag>;size:<bytes>`, or `last-modified:<date>;size:<bytes>` when the server sends no ETag.
    public func fingerprint() throws -> String {
        let status = try status()
        if let etag = status.etag, !etag.isEmpty { return "etag:\(etag);size:\(status.size)" }
        if let date = status.lastModified { return "last-modified:\(date);size:\(status.size)" }
        return "size:\(status.size)"
    }

    /// The GDAL settings for reading cloud-optimised GeoTIFFs over HTTP, each set only when the user has not set
    /// it (in the environment or with GDAL's `--config`): see docs/object-storage.md.
    /// `GDAL_DISABLE_READDIR_ON_OPEN` is set for remote paths only (`pathDefaults`): set for every file, it would
    /// hide the side-car files (`.aux.xml` class names, `.msk` masks) of local inputs of the same run.
    public static let httpDefaults: [(key: String, value: String)] = [
        // Adjacent tiles of one read come in one ranged GET.
        ("GDAL_HTTP_MERGE_CONSECUTIVE_RANGES", "YES"),
        // Parallel ranged reads share one HTTP/2 connection where the server offers it.
        ("GDAL_HTTP_MULTIPLEX", "YES"),
        // A block read twice (overviews, tiles of adjacent parcels) is fetched once. GDAL 3.6.2 reads VSI_CACHE
        // for every file, local ones too: its size per open file is kept small.
        ("VSI_CACHE", "TRUE"),
        ("VSI_CACHE_SIZE", "\(32 << 20)"),
        ("CPL_VSIL_CURL_CACHE_SIZE", "\(128 << 20)"),
        // A 502, 503 or 504 (a throttled or restarting server) is retried, waiting 1, 2, 4 … s.
        ("GDAL_HTTP_MAX_RETRY", "5"),
        ("GDAL_HTTP_RETRY_DELAY", "1")
    ]

    /// The settings made for GDAL's network paths only (`gdalPrefixes`), each when the user has not set it.
    public static let pathDefaults: [(key: String, value: String)] = [
        // Opening `/vsis3/bucket/scene.tif` must not list the bucket to look for side-car files.
        ("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR")
    ]

    /// Applies `httpDefaults` and `pathDefaults`, once, the first time a remote address is seen.
    static let tuned: Void = {
        for (key, value) in httpDefaults where GDAL.configOption(key) == nil {
            GDAL.setConfigOption(key, value)
        }
        for (key, value) in pathDefaults where GDAL.configOption(key) == nil {
            for prefix in gdalPrefixes { VirtualFiles.setPathOption(prefix: prefix, key, value) }
        }
    }()
}
