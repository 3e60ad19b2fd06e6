import Foundation
import Testing
import TestSupport

/// The man page: generated from the help by swift-argument-parser's generate-manual tool, with every subcommand,
/// and installed by `scripts/install-man.sh` into `$PREFIX/share/man/man1`.
@Suite struct ManPageTests {
    static let subcommands = [
        "estimate", "map", "series", "composite", "classify", "calibrate", "credits", "run", "presets"
    ]

    /// The tool the `generate-manual` plugin runs, once `swift package generate-manual` has built it.
    static var tool: String? {
        let root = ProjectRoot.path + "/.build"
        let candidates = ["debug", "release"].flatMap { configuration in
            ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).map {
                "\(root)/\($0)/\(configuration)/generate-manual-tool"
            }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func installScriptPutsThePageUnderThePrefix() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let page = folder.file("verdant.1")
        try ".Dt VERDANT 1\n.Sh NAME\n.Nm verdant\n".write(toFile: page, atomically: true, encoding: .utf8)
        let r = try VerdantBinary.run(
            executable: "/usr/bin/env",
            [
                "PREFIX=" + folder.file("prefix"), "VERDANT_MAN_PAGE=" + page,
                ProjectRoot.path + "/scripts/install-man.sh"
            ])
        #expect(r.status == 0, "\(r.stderr)")
        let installed = folder.file("prefix/share/man/man1/verdant.1")
        #expect(try String(contentsOfFile: installed, encoding: .utf8).contains(".Nm verdant"))
        let mode = try FileManager.default.attributesOfItem(atPath: installed)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        let missing = try VerdantBinary.run(
            executable: "/usr/bin/env",
            [
                "PREFIX=" + folder.file("other"), "VERDANT_MAN_PAGE=" + folder.file("none.1"),
                ProjectRoot.path + "/scripts/install-man.sh"
            ])
        #expect(missing.status != 0 && missing.stderr.contains("no man page"))
    }

    // `swift package generate-manual` cannot run inside `swift test` (SwiftPM holds the build folder's lock), so
    // this runs the plugin's tool directly; the tool exists once the plugin has run (scripts/install-man.sh).
    @Test(
        .enabled(
            if: ManPageTests.tool != nil,
            "the generate-manual plugin's tool is built by `swift package generate-manual` (scripts/install-man.sh)"))
    func thePageHoldsEverySubcommand() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try VerdantBinary.run(
            executable: Self.tool!, [VerdantBinary.path, "--output-directory", folder.path])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOfFile: folder.file("verdant.1"), encoding: .utf8)
        #expect(page.contains(".Dt VERDANT 1"))
        for command in Self.subcommands { #expect(page.contains(".It Em \(command)"), "\(command)") }
        #expect(page.contains("--parcels"))
    }
}
