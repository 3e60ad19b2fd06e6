import Foundation
import Testing
import TestSupport

@testable import Verdant

/// The model file of `verdant calibrate` against `docs/schemas/model.schema.json`; files written before `schema`
/// and `schema_version` existed still load as version 1, other major versions are refused naming the file.
@Suite struct ModelFileSchemaTests {
    @Test func aWrittenModelFileFollowsItsSchema() throws {
        var file = ModelFile(form: .power, a: 12, b: 1.4, index: "savi", source: "plots")
        file.saviL = 0.5
        file.covariance = [[0.04, 0.01], [0.01, 0.09]]
        file.residualSD = 5
        file.plotAreaHa = 0.05
        file.plotCount = 12
        file.dateRange = ["2025-01-10", "2025-02-20"]
        file.sensor = "sentinel2-l2a"
        file.method = "ordinary least squares on logs"
        (file.seA, file.seB, file.r2, file.rmse, file.bias, file.looRMSE) = (0.2, 0.3, 0.8, 11, 0.1, 12)
        let node = try JSONNode(text: try file.json())
        #expect(node["schema"] == .string("verdant-model/1"))
        #expect(node["schema_version"] == .string(OutputSchema.model.version))
        let validator = try JSONSchemaValidator.project(OutputSchema.model.file)
        let f = validator.failures(node)
        #expect(f.isEmpty, "\(f)")
        let minimal = try JSONNode(text: try ModelFile(form: .linear, a: 1, b: 2, index: "ndvi", source: "s").json())
        #expect(validator.failures(minimal).isEmpty)
        #expect(
            validator.failures(minimal.removing("form")).map(\.description) == ["$: the required key 'form' is missing"]
        )
        #expect(validator.failures(minimal.setting("form", to: .string("cubic"))).map(\.path) == ["$.form"])
    }

    @Test func anOlderFileWithoutTheSchemaKeysStillLoads() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // As `verdant calibrate` wrote it before the keys existed.
        let old = """
            {
              "a" : -30,
              "b" : 250,
              "covariance" : [[4, -5], [-5, 9]],
              "form" : "linear",
              "index" : "ndvi",
              "plot_area_ha" : 0.045,
              "plot_count" : 20,
              "residual_sd" : 35.2,
              "source" : "calibrated by verdant calibrate 0.1.0 on 20 plots of plots.csv (ordinary least squares)"
            }
            """
        try old.write(toFile: folder.file("old.json"), atomically: true, encoding: .utf8)
        let file = try ModelFile.read(folder.file("old.json"))
        #expect(file.schema == nil && file.schemaVersion == nil)
        let model = try file.model
        #expect(model.a == -30 && model.b == 250 && model.uncertainty?.residualSD == 35.2)

        for (name, key, value, mention) in [
            ("v2.json", "schema_version", "2.0.0", "schema_version 2.0.0"),
            ("s2.json", "schema", "verdant-model/2", "verdant-model/2")
        ] {
            let text = old.replacingOccurrences(of: "\"a\" : -30,", with: "\"a\" : -30, \"\(key)\" : \"\(value)\",")
            try text.write(toFile: folder.file(name), atomically: true, encoding: .utf8)
            #expect {
                try ModelFile.read(folder.file(name))
            } throws: { e in
                "\(e)".hasPrefix(folder.file(name)) && "\(e)".contains(mention)
            }
        }
    }
}
