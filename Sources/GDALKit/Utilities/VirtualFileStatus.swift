internal import CGDAL
import Foundation

/// What GDAL knows of a file without reading it: its size and, for a remote object (`/vsis3/`, `/vsicurl/`), the
/// HTTP headers of its last HEAD or GET, from which an ETag and a Last-Modified date can be read.
public struct VirtualFileStatus: Hashable, Sendable {
    /// The size in bytes.
    public var size: Int
    /// True for a folder (or an S3 prefix).
    public var isDirectory: Bool
    /// The response headers GDAL kept for the object (empty for a local file), by lower-cased name.
    public var headers: [String: String]

    /// A status as given.
    public init(size: Int, isDirectory: Bool, headers: [String: String]) {
        self.size = size
        self.isDirectory = isDirectory
        self.headers = headers
    }

    /// The `ETag` header without its quotes, when the server sent one.
    public var etag: String? {
        headers["etag"].map { $0.trimmingCharacters(in: ["\""]) }
    }

    /// The `Last-Modified` header, when the server sent one.
    public var lastModified: String? { headers["last-modified"] }

    /// The status of `path` (any GDAL path); throws with GDAL's message (the HTTP status or the S3 error code for
    /// a remote object) when it does not exist or cannot be reached.
    public static func of(_ path: String) throws -> VirtualFileStatus {
        _ = GDALCall.registered
        var stat = VSIStatBuf()
        VSIErrorReset()
        let flags = VSI_STAT_EXISTS_FLAG | VSI_STAT_NATURE_FLAG | VSI_STAT_SIZE_FLAG | VSI_STAT_SET_ERROR_FLAG
        // GDAL's VSIStatBufL is `struct stat64`, which Swift sees as opaque; on 64-bit Linux it has the layout of
        // `struct stat`, which is passed in its place.
        let failed = try GDALCall.run("stat \(path)") {
            withUnsafeMutablePointer(to: &stat) { VSIStatExL(path, OpaquePointer($0), Int32(flags)) != 0 }
        }
        if failed {
            // A failed stat of a remote object often says nothing, and GDAL does not retry a reset connection:
            // opening the object afresh, with errors set, either reads it (the stat is then taken again) or brings
            // the server's answer (S3's error code and message, or the HTTP status).
            VSICurlPartialClearCache(path)
            VSIErrorReset()
            let opened = try? GDALCall.run("open \(path)") { () -> Bool in
                guard let file = VSIFOpenExL(path, "rb", 1) else { return false }
                VSIFCloseL(file)
                return true
            }
            var again = false
            if opened == true {
                again = try GDALCall.run("stat \(path)") {
                    withUnsafeMutablePointer(to: &stat) { VSIStatExL(path, OpaquePointer($0), Int32(flags)) == 0 }
                }
            }
            if !again {
                let message = VSIGetLastErrorMsg().map { String(cString: $0) } ?? ""
                let kind = VirtualFileStatus.errorKind(VSIGetLastErrorNo())
                VSIErrorReset()
                let text = [kind, message].filter { !$0.isEmpty }.joined(separator: ": ")
                throw GDALError(context: "stat \(path)", messages: text.isEmpty ? [] : [text])
            }
        }
        var headers: [String: String] = [:]
        if let list = VSIGetFileMetadata(path, "HEADERS", nil) {
            defer { CSLDestroy(list) }
            for item in CStringList.strings(from: list) {
                guard let eq = item.firstIndex(of: "=") else { continue }
                headers[item[..<eq].lowercased()] = String(item[item.index(after: eq)...])
            }
        }
        // st_mode's file-type bits: S_IFDIR is 0o040000.
        return VirtualFileStatus(
            size: Int(stat.st_size), isDirectory: (stat.st_mode & 0o170000) == 0o040000, headers: headers)
    }

    /// A short name for GDAL's virtual-file error number.
    static func errorKind(_ number: Int32) -> String {
        switch number {
        case VSIE_AWSAccessDenied: "access denied"
        case VSIE_AWSBucketNotFound: "no such bucket"
        case VSIE_AWSObjectNotFound: "no such object"
        case VSIE_AWSInvalidCredentials: "invalid credentials"
        case VSIE_AWSSignatureDoesNotMatch: "signature does not match"
        case VSIE_HttpError: "HTTP error"
        case VSIE_FileError, VSIE_AWSError: ""
        default: ""
        }
    }
}
