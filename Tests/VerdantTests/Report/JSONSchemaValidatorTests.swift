import Foundation
import Testing
import TestSupport

/// The tests' JSON Schema validator on small hand-written schemas: documents that must pass, documents that must
/// fail, with the path of each failure.
@Suite struct JSONSchemaValidatorTests {
    static func validator(_ schema: String, others: [String: String] = [:]) throws -> JSONSchemaValidator {
        JSONSchemaValidator(
            schema: try JSONNode(text: schema), name: "main.schema.json",
            others: try others.mapValues { try JSONNode(text: $0) })
    }

    static func failures(_ v: JSONSchemaValidator, _ document: String) throws -> [JSONSchemaValidator.Failure] {
        v.failures(try JSONNode(text: document))
    }

    static let parcel = """
        {
          "type": "object",
          "required": ["id", "area_ha", "flags"],
          "additionalProperties": false,
          "properties": {
            "id": { "type": "string", "minLength": 1 },
            "area_ha": { "type": ["number", "null"], "minimum": 0 },
            "count": { "type": "integer", "maximum": 10 },
            "kind": { "enum": ["a", "b"] },
            "version": { "const": "v/1" },
            "flags": { "type": "array", "items": { "type": "boolean" }, "minItems": 1 },
            "attributes": { "type": "object", "additionalProperties": { "type": ["string", "number", "null"] } },
            "next": { "$ref": "#/$defs/code" }
          },
          "patternProperties": { "^class_.+_ha$": { "type": "number" } },
          "$defs": { "code": { "type": "string", "pattern": "^[A-Z][0-9]+$" } }
        }
        """

    @Test func validDocumentsPass() throws {
        let v = try Self.validator(Self.parcel)
        for document in [
            #"{"id": "P1", "area_ha": 2.5, "flags": [true]}"#,
            #"{"id": "P1", "area_ha": null, "flags": [false, true], "count": 3, "kind": "b", "version": "v/1"}"#,
            #"{"id": "P1", "area_ha": 0, "flags": [true], "attributes": {"x": 1, "y": "t", "z": null}}"#,
            #"{"id": "P1", "area_ha": 1, "flags": [true], "class_forest_ha": 3.5, "next": "Q12", "count": 4.0}"#
        ] {
            let f = try Self.failures(v, document)
            #expect(f.isEmpty, "\(document): \(f)")
        }
    }

    @Test func eachBreachIsReportedAtItsPath() throws {
        let v = try Self.validator(Self.parcel)
        let cases: [(String, String, String)] = [
            (#"{"area_ha": 1, "flags": [true]}"#, "$", "'id' is missing"),
            (#"{"id": "P1", "area_ha": "1", "flags": [true]}"#, "$.area_ha", "not of type number or null"),
            (#"{"id": "P1", "area_ha": -1, "flags": [true]}"#, "$.area_ha", "below the minimum"),
            (#"{"id": "P1", "area_ha": 1, "flags": [true], "count": 2.5}"#, "$.count", "not of type integer"),
            (#"{"id": "P1", "area_ha": 1, "flags": [true], "count": 11}"#, "$.count", "above the maximum"),
            (#"{"id": "P1", "area_ha": 1, "flags": [true], "kind": "c"}"#, "$.kind", "not one of"),
            (#"{"id": "P1", "area_ha": 1, "flags": [true], "version": "v/2"}"#, "$.version", "is not \"v/1\""),
            (#"{"id": "P1", "area_ha": 1, "flags": [1]}"#, "$.flags[0]", "not of type boolean"),
            (#"{"id": "P1", "area_ha": 1, "flags": []}"#, "$.flags", "fewer than 1"),
            (#"{"id": "P1", "area_ha": 1, "flags": [true], "other": 1}"#, "$", "'other' is not allowed"),
            (#"{"id": "P1", "area_ha": 1, "flags": [true], "class_x_ha": "big"}"#, "$.class_x_ha", "not of type"),
            (#"{"id": "P1", "area_ha": 1, "flags": [true], "attributes": {"x": [1]}}"#, "$.attributes.x", "type"),
            (#"{"id": "P1", "area_ha": 1, "flags": [true], "next": "q1"}"#, "$.next", "does not match"),
            (#"{"id": "", "area_ha": 1, "flags": [true]}"#, "$.id", "shorter than 1"),
            (#"[1]"#, "$", "not of type object")
        ]
        for (document, path, message) in cases {
            let f = try Self.failures(v, document)
            #expect(
                f.contains { $0.path == path && $0.message.contains(message) },
                "\(document) should fail at \(path) with '\(message)', got \(f)")
        }
    }

    @Test func booleansAreNotNumbersAndIntegersAreWholeNumbers() throws {
        let v = try Self.validator(#"{"type": "array", "items": {"type": "integer"}}"#)
        #expect(try Self.failures(v, "[1, 2.0, -3, 100000000000]").isEmpty)
        #expect(try Self.failures(v, "[true]").map(\.path) == ["$[0]"])
        #expect(try Self.failures(v, "[1.5]").map(\.path) == ["$[0]"])
        let n = try Self.validator(#"{"type": "number"}"#)
        #expect(try Self.failures(n, "false").count == 1)
        #expect(try Self.failures(n, "null").count == 1)
    }

    @Test func combinationsPrefixItemsAndBooleanSchemas() throws {
        let v = try Self.validator(
            """
            {
              "type": "object",
              "properties": {
                "either": { "oneOf": [{ "type": "null" }, { "type": "object", "required": ["k"] }] },
                "any": { "anyOf": [{ "type": "string" }, { "type": "integer" }] },
                "all": { "allOf": [{ "type": "number" }, { "minimum": 2 }] },
                "pair": { "type": "array", "prefixItems": [{ "type": "string" }, { "type": "number" }], "maxItems": 2 },
                "never": false,
                "anything": true,
                "notString": { "not": { "type": "string" } }
              },
              "additionalProperties": { "type": "integer" }
            }
            """)
        #expect(
            try Self.failures(
                v,
                #"{"either": null, "any": 3, "all": 2, "pair": ["a", 1], "anything": [{}], "extra": 4, "notString": 1}"#
            ).isEmpty)
        #expect(try Self.failures(v, #"{"either": {"k": 1}, "any": "s"}"#).isEmpty)
        let bad: [(String, String)] = [
            (#"{"either": {}}"#, "$.either"), (#"{"any": 1.5}"#, "$.any"), (#"{"all": 1}"#, "$.all"),
            (#"{"pair": [1, 1]}"#, "$.pair[0]"), (#"{"pair": ["a", 1, 2]}"#, "$.pair"), (#"{"never": 1}"#, "$.never"),
            (#"{"extra": "x"}"#, "$.extra"), (#"{"notString": "x"}"#, "$.notString")
        ]
        for (document, path) in bad {
            let f = try Self.failures(v, document)
            #expect(f.map(\.path).contains(path), "\(document) should fail at \(path): \(f)")
        }
    }

    @Test func referencesIntoAnotherSchemaFile() throws {
        let v = try Self.validator(
            ##"{"type": "object", "properties": {"t": {"$ref": "common.schema.json#/$defs/total"}}, "required": ["t"]}"##,
            others: [
                "common.schema.json":
                    ##"{"$defs": {"total": {"type": "object", "properties": {"n": {"$ref": "#/$defs/count"}}}, "count": {"type": "integer"}}}"##
            ])
        #expect(try Self.failures(v, #"{"t": {"n": 3}}"#).isEmpty)
        #expect(try Self.failures(v, #"{"t": {"n": "3"}}"#).map(\.path) == ["$.t.n"])
        let broken = try Self.validator(##"{"$ref": "#/$defs/missing"}"##)
        #expect(try Self.failures(broken, "1").first?.message.contains("cannot resolve") == true)
    }

    @Test func unknownKeywordsAndNonJSONAreFailures() throws {
        let v = try Self.validator(#"{"type": "object", "requierd": ["a"]}"#)
        #expect(try Self.failures(v, "{}").first?.message.contains("unsupported keyword 'requierd'") == true)
        let ok = try Self.validator(#"{"type": "object", "description": "d", "format": "x", "title": "t"}"#)
        #expect(try Self.failures(ok, "{}").isEmpty)
        #expect(ok.failures(data: Data("{".utf8)).first?.message.hasPrefix("not JSON") == true)
    }
}
