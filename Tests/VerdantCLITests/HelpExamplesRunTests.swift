import Foundation
import Testing
import TestSupport

/// Every `verdant …` example in the help runs: each in a folder of its own, its input files linked from the
/// fixtures (ExampleFixtures: the table from example file names to sample files), exit 0.
@Suite struct HelpExamplesRunTests {
    static let commands = [
        "estimate", "map", "series", "composite", "classify", "calibrate", "credits", "run", "presets"
    ]

    /// Options whose value is a file the example writes (never linked from the fixtures).
    static func writes(_ option: String) -> Bool {
        option == "--out" || option == "-o" || option.hasSuffix("-out") || option == "--report"
            || option == "--summary" || option == "--quicklook"
    }

    @Test func everyExampleRuns() throws {
        let fixtures = try ExampleFixtures()
        defer { fixtures.folder.remove() }
        var ran = 0
        var notRun: [String] = []
        for command in Self.commands {
            let help = try VerdantBinary.run([command, "--help"]).stdout
            for example in HelpExamples.commands(in: help) {
                let arguments = HelpExamples.arguments(example)
                // The files the example reads: option values (and ROLE=FILE parts) that name a fixture.
                var inputs: [String] = [], outputs: Set<String> = []
                for (k, word) in arguments.enumerated() {
                    if k > 0 && Self.writes(arguments[k - 1]) {
                        outputs.insert(word)
                        continue
                    }
                    let name = word.split(separator: "=", maxSplits: 1).last.map(String.init) ?? word
                    if ExampleFixtures.samples[name] != nil || ExampleFixtures.made[name] != nil { inputs.append(name) }
                }
                if !RealData.isPresent, let missing = inputs.first(where: ExampleFixtures.realData.contains) {
                    notRun.append(
                        "\(example): \(missing) is the real Landsat scene, and ../shared/real-data/ is absent")
                    continue
                }
                let run = try TemporaryFolder()
                defer { run.remove() }
                for name in Set(inputs) {
                    let source = try #require(
                        fixtures.path(name, command: arguments[0]), "no fixture for \(name) in \(example)")
                    // A folder (a product) is copied: the folder walk does not follow links.
                    var isFolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: source, isDirectory: &isFolder), isFolder.boolValue {
                        try FileManager.default.copyItem(atPath: source, toPath: run.file(name))
                    } else {
                        try FileManager.default.createSymbolicLink(atPath: run.file(name), withDestinationPath: source)
                    }
                }
                // Relative paths in dates tables and STAC items point beside them.
                for name in Set(inputs) where name.hasSuffix(".csv") || name.hasSuffix(".json") {
                    for file in try FileManager.default.contentsOfDirectory(atPath: fixtures.folder.path)
                    where !FileManager.default.fileExists(atPath: run.file(file)) && !outputs.contains(file) {
                        try FileManager.default.createSymbolicLink(
                            atPath: run.file(file), withDestinationPath: fixtures.folder.file(file))
                    }
                }
                let r = try VerdantBinary.run(arguments, in: run.path)
                #expect(r.status == 0, "\(example)\n\(r.stderr)")
                ran += 1
            }
        }
        // Every command with examples was reached, and every example either ran or is listed with its reason.
        #expect(ran + notRun.count >= 23, "examples found: \(ran + notRun.count)")
        if !notRun.isEmpty { print("examples not run:\n" + notRun.joined(separator: "\n")) }
        #expect(notRun.count <= 2, "\(notRun)")
    }
}
