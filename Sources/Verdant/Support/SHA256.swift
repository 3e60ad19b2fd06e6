import CSHA256
import Dispatch
import Foundation
import Synchronization

/// SHA-256 of files, for echoing the inputs of a carbon report (FIPS 180-4; no dependency).
///
/// The compression loop is a hot loop (every input of a report is hashed), and its pointer code stays in this file:
/// safety contract: `compress` and `compressInSwift` are private and take views of `State.pending` or of the
/// final padded block only inside their `withUnsafeBufferPointer`, of a whole number of 64-byte blocks; the C
/// routine reads `count / 64` blocks from the base address and writes the 8 state words of a local array. No
/// pointer is part of the type's API (`Data` and `DataProtocol` in, hex text out).
public enum SHA256 {

    /// True when the SHA instructions of the processor are used.
    static let hardware = verdant_sha256_hardware() != 0

    /// The hex digest of `data`.
    public static func hex(_ data: Data) -> String {
        var state = State()
        state.update(data)
        return state.finish()
    }

    /// The hex digest of a file read in 4 MiB pieces, or nil when it cannot be read (e.g. a remote `/vsicurl/` input).
    public static func file(_ path: String) -> String? {
        guard !path.hasPrefix("/vsi"), let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var state = State()
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 4 << 20) } catch { return nil }
            guard let chunk, !chunk.isEmpty else { break }
            state.update(chunk)
        }
        return state.finish()
    }

    /// A running digest.
    struct State {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
            (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        var pending: [UInt8] = []
        var length: UInt64 = 0
        /// Whether blocks go through the processor's SHA instructions (tests turn it off to compare).
        var hardware = SHA256.hardware

        mutating func update<D: DataProtocol>(_ bytes: D) where D.Index == Int {
            length += UInt64(bytes.count)
            pending.append(contentsOf: bytes)
            let whole = pending.count / 64 * 64
            if whole > 0 {
                pending.withUnsafeBufferPointer { compress(UnsafeBufferPointer(rebasing: $0[0..<whole])) }
                pending.removeFirst(whole)
            }
        }

        mutating func finish() -> String {
            var tail = pending
            tail.append(0x80)
            while tail.count % 64 != 56 { tail.append(0) }
            let bits = length * 8
            for i in (0..<8).reversed() { tail.append(UInt8((bits >> (UInt64(i) * 8)) & 0xff)) }
            tail.withUnsafeBufferPointer { compress($0) }
            return [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7].map { word in
                let hex = String(word, radix: 16)
                return String(repeating: "0", count: 8 - hex.count) + hex
            }.joined()
        }

        /// Compresses whole 64-byte blocks, with the processor's SHA instructions when it has them.
        private mutating func compress(_ message: UnsafeBufferPointer<UInt8>) {
            if hardware && message.count >= 64 {
                var words = [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
                verdant_sha256_blocks(&words, message.baseAddress, message.count / 64)
                h = (words[0], words[1], words[2], words[3], words[4], words[5], words[6], words[7])
                return
            }
            compressInSwift(message)
        }

        /// Compresses whole 64-byte blocks in Swift (FIPS 180-4).
        private mutating func compressInSwift(_ message: UnsafeBufferPointer<UInt8>) {
            let k = verdant_sha256_constants()!
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                var (h0, h1, h2, h3, h4, h5, h6, h7) = h
                var chunk = 0
                while chunk + 64 <= message.count {
                    for i in 0..<16 {
                        let b = chunk + i * 4
                        w[i] =
                            UInt32(message[b]) << 24 | UInt32(message[b + 1]) << 16 | UInt32(message[b + 2]) << 8
                            | UInt32(message[b + 3])
                    }
                    for i in 16..<64 {
                        let x = w[i - 15], y = w[i - 2]
                        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var (a, b, c, d, e, f, g, hh) = (h0, h1, h2, h3, h4, h5, h6, h7)
                    for i in 0..<64 {
                        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        let t2 = s0 &+ maj
                        hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
                    }
                    h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= hh
                    chunk += 64
                }
                h = (h0, h1, h2, h3, h4, h5, h6, h7)
            }
        }
    }
}

@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

/// SHA-256 digests of files computed on a background thread while the caller works (a report's input checksums
/// while the estimate runs), so that hashing a large scene does not add its whole time to the run.
public final class FileDigests: Sendable {
    private let digests = Mutex<[String: String]>([:])
    private let done = DispatchGroup()

    /// Starts hashing `paths` (each once, in order); files that cannot be read get `unreadable`. A remote input
    /// (`s3://…`, `https://…`) gets `etag:<ETag>;size:<bytes>` from a HEAD request instead (`RemotePath.fingerprint`).
    public init(_ paths: [String], unreadable: String = "not read (remote)") {
        let unique = Array(Set(paths)).sorted()
        done.enter()
        DispatchQueue.global(qos: .utility).async { [self] in
            defer { done.leave() }
            for path in unique {
                // A remote object is not read whole (that would defeat ranged reads): its ETag and size stand in.
                let digest =
                    if let remote = RemotePath(path) {
                        (try? remote.fingerprint()) ?? unreadable
                    } else {
                        SHA256.file(path) ?? unreadable
                    }
                digests.withLock { $0[path] = digest }
            }
        }
    }

    /// Waits for every digest and returns them by path.
    public func wait() -> [String: String] {
        done.wait()
        return digests.withLock { $0 }
    }
}
