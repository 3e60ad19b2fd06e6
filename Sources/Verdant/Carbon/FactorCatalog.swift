import Foundation
import Yams

/// The factor sets: built-in (`ipcc-2006`, `tver`, embedded in the library) and users' JSON or YAML files.
public enum FactorCatalog {
    /// The built-in sets.
    public static func builtIn() -> [FactorSet] {
        [PackageResources.ipcc_2006_json, PackageResources.tver_2023_json].map {
            try! JSONDecoder().decode(FactorSet.self, from: Data($0))
        }
    }

    /// A built-in set by name, or a set read from a file path.
    public static func load(_ nameOrPath: String) throws -> FactorSet {
        if let set = builtIn().first(where: { $0.name == nameOrPath }) { return set }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw VerdantError.invalidParameter(
                .factors,
                problem:
                    "'\(nameOrPath)' is neither a built-in factor set (\(builtIn().map(\.name).joined(separator: ", "))) nor a file"
            )
        }
        guard let text = try? String(contentsOfFile: nameOrPath, encoding: .utf8) else {
            throw VerdantError.input(file: nameOrPath, problem: "cannot be read as text")
        }
        do {
            let lower = nameOrPath.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
                return try YAMLDecoder().decode(FactorSet.self, from: text)
            }
            return try JSONDecoder().decode(FactorSet.self, from: Data(text.utf8))
        } catch {
            throw VerdantError.input(
                file: nameOrPath,
                problem:
                    "is not a factor set (expected name, title, source, classes: {NAME: {carbonFraction: {value, source}, rootShoot: {value | byAGB | mokany, source}}}): \(error)"
            )
        }
    }
}
