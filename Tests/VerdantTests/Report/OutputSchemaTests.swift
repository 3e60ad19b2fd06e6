import Foundation
import Testing
import TestSupport

@testable import Verdant

/// The layouts of the JSON outputs: their `schema` and `schema_version` keys, the reading rule for older files, and
/// the schema files of `docs/schemas/` (valid JSON Schemas naming the same layouts, listed in the README).
@Suite struct OutputSchemaTests {
    @Test func versionsAreSemverAndIdsCarryTheMajorVersion() {
        for s in OutputSchema.all {
            #expect(OutputSchema.major(of: s.version) == s.major, "\(s)")
            #expect(s.id == "\(s.name)/\(s.major)" && s.name.hasPrefix("verdant-"), "\(s)")
        }
        #expect(Set(OutputSchema.all.map(\.file)).count == OutputSchema.all.count, "one schema file per output")
        #expect(OutputSchema.major(of: "1.2") == nil && OutputSchema.major(of: "1.x.0") == nil)
        #expect(OutputSchema.major(of: "12.0.3") == 12)
        #expect(ForestModel.schema == "verdant-forest/1", "the forest's schema key is unchanged")
        #expect(OutputSchema.seriesRows.id == "verdant-series/1", "the series' schema key is unchanged")
        #expect(OutputSchema.accuracy.id == "verdant-accuracy/1", "the accuracy's schema key is unchanged")
    }

    @Test func stampedSetsBothKeysAndKeepsTheOthers() {
        let v = OutputSchema.credits.stamped(["a": .integer(1), "schema": .string("old")])
        #expect(
            v
                == .object([
                    "a": .integer(1), "schema": .string("verdant-credits/1"),
                    "schema_version": .string(OutputSchema.credits.version)
                ]))
    }

    @Test func documentsWithoutTheKeysAreVersionOneAndOtherMajorVersionsAreRefused() {
        let m = OutputSchema.model
        #expect(m.problem(schema: nil, schemaVersion: nil) == nil)
        #expect(m.problem(schema: "verdant-model/1", schemaVersion: "1.7.2") == nil)
        #expect(m.problem(schema: nil, schemaVersion: "1.0.0") == nil)
        #expect(m.problem(schema: "verdant-model/2", schemaVersion: nil)?.contains("verdant-model/2") == true)
        #expect(m.problem(schema: "verdant-forest/1", schemaVersion: nil) != nil)
        #expect(m.problem(schema: nil, schemaVersion: "2.0.0")?.contains("2.0.0") == true)
        #expect(m.problem(schema: nil, schemaVersion: "one") != nil)
    }

    @Test func everyOutputHasASchemaFileNamingItsLayout() throws {
        let folder = JSONSchemaValidator.projectSchemas
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".schema.json") }
        #expect(Set(files) == Set(OutputSchema.all.map(\.file)), "no schema file without an output, nor the reverse")
        let readme = try String(contentsOfFile: folder + "README.md", encoding: .utf8)
        for s in OutputSchema.all {
            let schema = try JSONNode(file: folder + s.file)
            #expect(schema["$schema"]?.text == "https://json-schema.org/draft/2020-12/schema", "\(s.file)")
            #expect(schema["$id"]?.text?.hasSuffix("/" + s.file) == true, "\(s.file)")
            #expect(schema["type"]?.text == "object" && schema["title"]?.text != nil, "\(s.file)")
            #expect(schema["properties"]?["schema"]?["const"] == .string(s.id), "\(s.file) names \(s.id)")
            let required = schema["required"]?.elements ?? []
            #expect(required.contains(.string("schema")) && required.contains(.string("schema_version")), "\(s.file)")
            #expect(try JSONSchemaValidator.project(s.file).brokenReferences() == [], "\(s.file)")
            #expect(readme.contains(s.file) && readme.contains(s.id), "the README lists \(s.file)")
        }
        #expect(readme.contains("schema_version") && readme.contains("minor"))
    }
}
