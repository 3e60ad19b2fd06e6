import Foundation
import Testing
import TestSupport

/// The help of every command fits 80 columns, and its examples are whole commands: a command goes on over lines
/// that end in ` \`, and no line break falls inside an option or its value.
@Suite struct HelpLayoutTests {
    static let commands = [
        [], ["estimate"], ["map"], ["series"], ["composite"], ["classify"], ["calibrate"], ["credits"], ["run"],
        ["presets"]
    ]

    /// The help of `command` printed for an 80-column terminal.
    static func help(_ command: [String]) throws -> String {
        let r = try VerdantBinary.run(
            executable: "/usr/bin/env", ["COLUMNS=80", VerdantBinary.path] + command + ["--help"])
        #expect(r.status == 0, "\(command): \(r.stderr)")
        return r.stdout
    }

    @Test(arguments: commands) func helpFitsEightyColumns(_ command: [String]) throws {
        for line in try Self.help(command).split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.count <= 80, "verdant \(command.joined()) --help: \(line.count) columns: \(line)")
        }
    }

    @Test(arguments: commands) func examplesAreWholeCommands(_ command: [String]) throws {
        let lines = try Self.help(command).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var continued = false
        for line in lines {
            if continued {
                // A continuation line: indented further than the command, starting with an option.
                #expect(line.hasPrefix("      -"), "verdant \(command.joined()) --help: broken example line: \(line)")
            } else if line.contains("verdant ") && line.hasSuffix("\\") {
                #expect(line.hasPrefix("  verdant "), "an example starts a line: \(line)")
            }
            continued = line.hasSuffix(" \\")
            #expect(line != "\\", "a lone continuation mark")
        }
    }

    @Test func sentinelTwoDNExamplesScaleTheirReflectance() throws {
        for command in Self.commands {
            for example in HelpExamples.commands(in: try Self.help(command)) {
                let readsSentinelTwoDN =
                    example.contains("S2") || example.contains("sentinel") || example.contains("a.tif")
                    || example.contains("B04.tif")
                guard readsSentinelTwoDN, !example.contains("--stac"), !example.contains("--dates") else { continue }
                #expect(
                    example.contains("--sensor sentinel2-l2a")
                        || (example.contains("--scale 0.0001") && example.contains("--offset -0.1")),
                    "Sentinel-2 DN without scaling: \(example)")
            }
        }
    }
}
