import ArgumentParser
import Foundation
import Verdant

/// `verdant presets`: the sensor presets with their bands, scaling and sources.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract:
            "List the sensor presets: band names per role, reflectance scaling, quality layer, and the source of each fact.",
        discussion: """
            Examples:
              verdant presets
              verdant presets --preset-file my-sensors.yaml --json
            """
    )

    @Option(
        name: .customLong("preset-file"),
        help: ArgumentHelp("A JSON or YAML file of your own presets (repeatable).", valueName: "FILE"),
        completion: .jsonOrYAMLFile)
    var presetFile: [String] = []

    @Flag(name: .long, help: "Print the presets as JSON.")
    var json = false

    func run() throws {
        let catalog = try PresetCatalog.load(userFiles: presetFile)
        if json {
            try Console.output(try catalog.jsonDocument())
            return
        }
        for p in catalog.presets {
            try Console.output("\(p.name) — \(p.title) [\(catalog.origins[p.name] ?? "")]")
            for role in try p.roles() {
                try Console.output(
                    "  \(role.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(p.names(for: role).joined(separator: ", "))"
                )
            }
            var scaling = "reflectance = DN × \(p.scale) + \(p.offset)"
            if let b = p.baselineOffset {
                scaling += "; offset \(b.offset) from processing baseline \(b.fromBaseline) on"
            }
            try Console.output("  scaling    \(scaling)")
            if let nd = p.nodata { try Console.output("  nodata     \(nd)") }
            if let q = p.quality {
                let optional = (q.optional ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                    separator: ", ")
                try Console.output(
                    "  quality    \(q.role) (\(q.type)): exclude \(q.exclude.map(String.init).joined(separator: ", "))\(optional.isEmpty ? "" : "; optional: \(optional)")"
                )
            }
            for (key, text) in p.sources.sorted(by: { $0.key < $1.key }) {
                try Console.output("  source (\(key)): \(text)")
            }
            try Console.output("")
        }
    }
}
