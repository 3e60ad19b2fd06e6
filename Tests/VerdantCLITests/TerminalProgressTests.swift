import Foundation
import Testing
import TestSupport

/// Progress on a terminal (the binary run under a pseudo-terminal by util-linux `script`): one line rewritten in
/// place (carriage return, clear to the end of the line) that ends in the phase's summary, with no stale or
/// repeated progress left on the screen; off a terminal no control characters at all.
@Suite struct TerminalProgressTests {
    static func estimateArguments(_ folder: TemporaryFolder) -> [String] {
        [
            "estimate", "--raster", ProjectRoot.sample("sentinel2_l2a_stack.tif"), "--sensor", "sentinel2-l2a",
            "--parcels", ProjectRoot.sample("sentinel2_parcels.geojson"), "--id-field", "parcel_id",
            "--tile-size", "64", "--threads", "1", "-o", folder.file("parcels.csv")
        ]
    }

    /// What a terminal shows of `bytes`: each line as left after its carriage returns and clears.
    static func screen(_ bytes: String) -> [String] {
        bytes.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                // Text after the last carriage return overwrites the line (always cleared first, checked below).
                String(line.split(separator: "\r", omittingEmptySubsequences: false).last ?? "")
                    .replacingOccurrences(of: "\u{1B}[2K", with: "")
            }
    }

    @Test func oneCleanLineThatEndsInTheSummary() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let command = ([VerdantBinary.path] + Self.estimateArguments(folder)).map { "'\($0)'" }.joined(separator: " ")
        let r = try VerdantBinary.run(
            executable: "/usr/bin/script", ["-qec", command + " > /dev/null", "/dev/null"], in: folder.path)
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        let bytes = r.stdout
        #expect(bytes.contains("estimate ") && bytes.contains("%"), "progress was drawn: \(bytes)")
        // Every redraw clears the line first.
        for piece in bytes.components(separatedBy: "\r").dropFirst() where !piece.hasPrefix("\n") && !piece.isEmpty {
            #expect(piece.hasPrefix("\u{1B}[2K"), "a redraw without clearing: \(piece.debugDescription)")
        }
        let screen = Self.screen(bytes)
        #expect(screen.filter { $0.contains("%") }.isEmpty, "stale progress left on the screen: \(screen)")
        #expect(screen.filter { $0.contains("s left") }.isEmpty, "\(screen)")
        #expect(!bytes.contains(" 0 s left") && !bytes.contains(" 0.0 s left"), "\(bytes.debugDescription)")
        #expect(screen.filter { $0.hasPrefix("estimate: ") && $0.contains(" tiles in ") }.count == 1, "\(screen)")
        #expect(screen.filter { $0.hasPrefix("estimate parcels: 9 parcels in ") }.count == 1, "\(screen)")
        // The summary of the tiles is the last progress line: nothing with a % after it.
        let last = screen.lastIndex { $0.hasPrefix("estimate: ") } ?? 0
        #expect(screen[last...].allSatisfy { !$0.contains("%") })
    }

    @Test func noControlCharactersOffATerminal() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run(Self.estimateArguments(folder))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("\r") && !r.stderr.contains("\u{1B}"))
        #expect(r.stderr.contains("verdant: estimate: 10/10 tiles (100%)"))
    }
}
