import Foundation
import Testing
@testable import Verdant
@testable import VerdantCore
import TestSupport

/// The SHA instructions path and the Swift path give the same digests, at every length around block edges.
@Suite struct SHA256Tests {
    @Test func hardwareAndSwiftAgree() {
        var rng = SplitMix64(seed: 5)
        for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096 + 13, (1 << 20) + 7] {
            let data = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var fast = SHA256.State(), swift = SHA256.State()
            swift.hardware = false
            // In pieces of varied sizes, so that blocks straddle the pieces.
            var start = 0, piece = 1
            while start < length {
                let end = min(length, start + piece)
                fast.update(data[start..<end])
                swift.update(data[start..<end])
                start = end
                piece = piece * 3 + 1
            }
            #expect(fast.finish() == swift.finish(), "length \(length)")
        }
        print(
            "SHA256Tests: SHA instructions \(SHA256.hardware ? "used" : "not available; both paths are the Swift one")")
    }

    @Test func fipsExamples() {
        // FIPS 180-4 examples.
        #expect(
            SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sha256OfKnownText() {
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hex(Data(String(repeating: "a", count: 1000).utf8))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func fileDigestsInTheBackground() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A file over several 4 MiB reads, one of a single block, and one that is missing.
        let big = folder.file("big.bin"), small = folder.file("abc.txt"), missing = folder.file("none")
        try Data((0..<(9 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: URL(fileURLWithPath: big))
        try Data("abc".utf8).write(to: URL(fileURLWithPath: small))
        let digests = FileDigests([big, small, missing, small], unreadable: "unreadable").wait()
        #expect(digests.count == 3)
        #expect(digests[small] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digests[big] == SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: big))))
        #expect(digests[missing] == "unreadable")
    }
}
