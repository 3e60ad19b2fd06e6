import Foundation

/// What tells a shard's input file from another, cheaply: every shard records it for every input, and a merge
/// refuses shards whose inputs differ. Not a checksum of the whole file — each of N shards hashing a whole scene
/// would cost N reads of it — but its size, modification time and the SHA-256 of its first and last 64 KiB
/// (where a GeoTIFF's header, tile offsets and a GeoPackage's pages of a changed file differ); the merge's
/// report hashes the inputs whole, once, as a one-machine report does.
enum FileIdentity {
    /// The bytes hashed at each end of the file.
    static let endBytes = 65_536

    /// The identity of the file at `path`: `size=…;mtime=…;head=…;tail=…`; for a file that cannot be read
    /// (a remote object), what `FileDigests` records for it.
    static func of(_ path: String) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (attributes[.size] as? NSNumber)?.uint64Value,
            let handle = FileHandle(forReadingAtPath: path)
        else { return FileDigests([path]).wait()[path] ?? "not read" }
        defer { try? handle.close() }
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let head = (try? handle.read(upToCount: endBytes)) ?? Data()
        let start = size > UInt64(endBytes) ? size - UInt64(endBytes) : 0
        try? handle.seek(toOffset: start)
        let tail = (try? handle.readToEnd()) ?? Data()
        return "size=\(size);mtime=\(modified);head=\(SHA256.hex(head));tail=\(SHA256.hex(tail))"
    }

    /// The identities of `paths`, by path.
    static func of(_ paths: [String]) -> [String: String] {
        Dictionary(Set(paths).map { ($0, of($0)) }, uniquingKeysWith: { a, _ in a })
    }
}
