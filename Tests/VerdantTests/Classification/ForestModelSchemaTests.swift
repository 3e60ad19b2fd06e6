import Foundation
import GDALKit
import Testing
import TestSupport

@testable import Verdant

/// The forest model file and the accuracy JSON against their schemas in `docs/schemas/`; forest files written
/// before `schema_version` existed still load and give the same map, other major versions are refused.
@Suite struct ForestModelSchemaTests {
    static func trained(_ folder: TemporaryFolder) throws -> (ClassifyResult, RasterInputs) {
        let inputs = try ClassifyScene.inputs(folder)
        var train = ClassifyScene.request(folder, inputs: inputs, training: try ClassifyScene.training(folder))
        train.modelOutput = folder.file("forest.json")
        return (try ClassifyJob.run(train), inputs)
    }

    @Test func theForestAndTheAccuracyFollowTheirSchemas() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (result, _) = try Self.trained(folder)
        let forest = try JSONNode(file: folder.file("forest.json"))
        #expect(forest["schema"] == .string("verdant-forest/1"))
        #expect(forest["schema_version"] == .string(OutputSchema.forest.version))
        let f = try JSONSchemaValidator.project(OutputSchema.forest.file).failures(forest)
        #expect(f.isEmpty, "\(f)")
        let accuracy = try JSONNode(text: try result.json.text())
        #expect(accuracy["cross_validation"] != nil && accuracy["area_estimate"] != nil, "the full document")
        let validator = try JSONSchemaValidator.project(OutputSchema.accuracy.file)
        let a = validator.failures(accuracy)
        #expect(a.isEmpty, "\(a)")
        #expect(accuracy["schema"] == .string("verdant-accuracy/1"))
        #expect(validator.failures(accuracy.removing("schema_version")).map(\.path) == ["$"])
    }

    @Test func aForestFileWithoutSchemaVersionStillLoadsAndGivesTheSameMap() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (trained, inputs) = try Self.trained(folder)
        let forest = try JSONNode(file: folder.file("forest.json"))
        #expect(forest["schema_version"] != nil)
        let old = try Self.write(forest.removing("schema_version"), to: folder.file("old.json"))
        let model = try ForestModel.read(old)
        #expect(model.schemaVersion == nil && model.classNames == trained.classNames)
        var apply = ClassifyScene.request(folder, inputs: inputs, training: nil, out: "old.tif")
        apply.model = old
        let applied = try ClassifyJob.run(apply)
        #expect(applied.mappedHa == trained.mappedHa)
        #expect(
            try Dataset.open(folder.file("old.tif")).band(1).readAll(as: UInt8.self)
                == Dataset.open(folder.file("classes.tif")).band(1).readAll(as: UInt8.self))

        let newer = try Self.write(forest.setting("schema_version", to: .string("2.0.0")), to: folder.file("v2.json"))
        #expect {
            try ForestModel.read(newer)
        } throws: { e in
            "\(e)".hasPrefix(newer) && "\(e)".contains("schema_version 2.0.0")
        }
        let other = try Self.write(
            forest.setting("schema", to: .string("verdant-forest/2")), to: folder.file("s2.json"))
        #expect {
            try ForestModel.read(other)
        } throws: { e in
            "\(e)".hasPrefix(other) && "\(e)".contains("verdant-forest/2")
        }
    }

    /// Writes `node` as JSON to `path`; returns the path.
    static func write(_ node: JSONNode, to path: String) throws -> String {
        try JSONValue(node).text().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

extension JSONValue {
    /// The same document as a `JSONValue` (to write it back).
    init(_ node: JSONNode) {
        switch node {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let x): self = x == x.rounded() && abs(x) < 1e15 ? .integer(Int64(x)) : .number(x)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(JSONValue.init))
        case .object(let o): self = .object(o.mapValues(JSONValue.init))
        }
    }
}
