import Foundation
import TestSupport
import Testing

@testable import Verdant

@Suite struct ModelFileTests {
    static func calibrated() -> ModelFile {
        var file = ModelFile(form: .exp, a: 2, b: 3, index: "ndvi", source: "plots of 2026")
        file.covariance = [[0.04, 0.01], [0.01, 0.09]]
        file.residualSD = 5
        file.plotAreaHa = 0.05
        file.plotCount = 12
        return file
    }

    @Test func aFileRoundTripsAndGivesItsModelWithTheUncertainty() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = Self.calibrated()
        let text = try file.json()
        #expect(
            text.contains("\"residual_sd\" : 5") && text.contains("\"plot_area_ha\" : 0.05")
                && text.contains("\"plot_count\" : 12"))
        try text.write(toFile: folder.file("m.json"), atomically: true, encoding: .utf8)
        let read = try ModelFile.read(folder.file("m.json"))
        #expect(read == file)
        let model = try read.model
        #expect(
            model.form == .exp && model.a == 2 && model.b == 3 && "\(model.index)" == "ndvi"
                && model.source == "plots of 2026")
        #expect(model.agb(0.5) == 2 * exp(1.5))
        #expect(
            model.uncertainty
                == ModelUncertainty(covariance: [[0.04, 0.01], [0.01, 0.09]], residualSD: 5, plotAreaHa: 0.05))
        #expect(
            try ModelFile(form: .linear, a: -30, b: 250, index: "ndvi", source: "s").model.uncertainty == nil,
            "no covariance, no uncertainty")
    }

    @Test func badFilesAreInputErrorsNamingTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var unknownIndex = Self.calibrated()
        unknownIndex.index = "ndwi"
        let cases = [
            ("not-json.json", "form: exp"), ("index.json", try unknownIndex.json()),
            ("missing.json", "{\"form\": \"linear\", \"a\": 1}")
        ]
        for (name, text) in cases {
            try text.write(toFile: folder.file(name), atomically: true, encoding: .utf8)
        }
        for name in cases.map(\.0) + ["none.json"] {
            do {
                _ = try ModelFile.read(folder.file(name))
                Issue.record("\(name) was read")
            } catch let e as VerdantError {
                #expect(e.exitCode == 2 && e.description.hasPrefix(folder.file(name)), "\(e)")
            }
        }
    }
}
