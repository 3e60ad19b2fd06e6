import Foundation
import Yams

/// The sensor presets: Verdant's built-in ones (`presets.json`, embedded in the library) and any user files.
public struct PresetCatalog: Sendable {
    private struct File: Codable {
        var presets: [SensorPreset]
    }

    /// All presets, built-in first; a user preset with a built-in name replaces it.
    public private(set) var presets: [SensorPreset]
    /// Where each preset came from (`built-in` or a file path).
    public private(set) var origins: [String: String]

    /// The built-in presets.
    public static func builtIn() -> PresetCatalog {
        let data = Data(PackageResources.presets_json)
        let file = try! JSONDecoder().decode(File.self, from: data)
        return PresetCatalog(
            presets: file.presets, origins: Dictionary(uniqueKeysWithValues: file.presets.map { ($0.name, "built-in") })
        )
    }

    /// The built-in presets plus those in `files` (JSON or YAML, `{presets: [...]}` or a single preset).
    public static func load(userFiles files: [String]) throws -> PresetCatalog {
        var catalog = builtIn()
        for path in files { try catalog.add(file: path) }
        return catalog
    }

    /// Adds the presets of a JSON or YAML file.
    public mutating func add(file path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw VerdantError.input(file: path, problem: "cannot be read as a text file of presets")
        }
        let found: [SensorPreset]
        do {
            let lower = path.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
                let decoder = YAMLDecoder()
                if let all = try? decoder.decode(File.self, from: text) {
                    found = all.presets
                } else {
                    found = [try decoder.decode(SensorPreset.self, from: text)]
                }
            } else {
                let data = Data(text.utf8)
                if let all = try? JSONDecoder().decode(File.self, from: data) {
                    found = all.presets
                } else {
                    found = [try JSONDecoder().decode(SensorPreset.self, from: data)]
                }
            }
        } catch {
            throw VerdantError.input(
                file: path,
                problem:
                    "is not a preset file: \(PresetCatalog.describe(error)) (expected {presets: [{name, title, bands, scale, offset, sources, …}]})"
            )
        }
        for preset in found {
            try preset.validate(file: path)
            presets.removeAll { $0.name == preset.name }
            presets.append(preset)
            origins[preset.name] = path
        }
    }

    /// The presets as `verdant presets --json` prints them: `{schema, schema_version, presets: [...], origins}`,
    /// pretty-printed with sorted keys. The document is itself a preset file (`--preset-file` reads it back).
    public func jsonDocument() throws -> String {
        struct Document: Encodable {
            var schema: String
            var schema_version: String
            var presets: [SensorPreset]
            var origins: [String: String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = Document(
            schema: OutputSchema.presets.id, schema_version: OutputSchema.presets.version, presets: presets,
            origins: origins)
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// The preset called `name`; throws listing the known ones.
    public func preset(named name: String) throws -> SensorPreset {
        guard let p = presets.first(where: { $0.name == name.lowercased() || $0.name == name }) else {
            throw VerdantError.usage(
                "unknown sensor preset '\(name)' (known: \(presets.map(\.name).joined(separator: ", ")); `verdant presets` lists them)"
            )
        }
        return p
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.keyNotFound(let key, _) = error { return "missing key '\(key.stringValue)'" }
        if case DecodingError.typeMismatch(_, let context) = error {
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        return "\(error)"
    }
}
