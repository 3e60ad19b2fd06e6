import Foundation
import Testing
import TestSupport
import Verdant

/// `EstimateWorkflow.run`: the estimate with its table, report, summary and quicklook in one library call,
/// published together, with the run's problems and exit code.
@Suite struct EstimateWorkflowTests {
    @Test func writesEveryOutputInOneCall() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let outputs = EstimateOutputs(
            table: folder.file("p.csv"), report: folder.file("r.html"),
            summary: folder.file("s.md"), quicklook: folder.file("q.png"))
        let run = try EstimateWorkflow.run(EstimateJobTests.request(), outputs: outputs)
        #expect(run.exitCode == 0 && run.problems.isEmpty && run.partialError == nil)
        #expect(run.outputs == [folder.file("p.csv"), folder.file("r.html"), folder.file("s.md"), folder.file("q.png")])
        let csv = try String(contentsOfFile: folder.file("p.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("parcel_id,") && csv.split(separator: "\n").count == run.report.rows.count + 1)
        let png = try #require(FileManager.default.contents(atPath: folder.file("q.png")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let html = try String(contentsOfFile: folder.file("r.html"), encoding: .utf8)
        #expect(
            html.contains("<svg id=\"map\"") && html.contains("data:image/png;base64,"),
            "the report draws the map of the same NDVI picture")
        #expect(try String(contentsOfFile: folder.file("s.md"), encoding: .utf8) == MarkdownSummary.text(run.report))
        guard case .object(let summary) = run.summary else { Issue.record("summary is not an object"); return }
        #expect(summary["exit_code"] == .integer(0) && summary["failed_parcels"] == .array([]))
        // Nothing is left beside the outputs (no temporary file, no lock).
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "p.csv", "p.csvt", "q.png", "r.html", "s.md"
            ])
    }

    @Test func tooMuchUnobservedAreaIsPartialWithTheOutputsWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try EstimateWorkflow.run(
            EstimateJobTests.request(),
            outputs: EstimateOutputs(table: folder.file("p.json"), failOnUnobserved: 0))
        let unobserved = try #require(run.report.totals.unobservedFraction)
        #expect(unobserved > 0)
        #expect(run.exitCode == 3 && run.problems.count == 1 && run.problems[0].contains("failOnUnobserved 0.0 %"))
        #expect(run.partialError?.exitCode == 3 && FileManager.default.fileExists(atPath: folder.file("p.json")))
    }

    @Test func outputsAreCheckedBeforeAnyWork() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder.file("r.html")))
        let outputs = EstimateOutputs(table: folder.file("p.csv"), report: folder.file("r.html"))
        #expect(throws: VerdantError.self) { try EstimateWorkflow.run(EstimateJobTests.request(), outputs: outputs) }
        #expect(
            !FileManager.default.fileExists(atPath: folder.file("p.csv")), "no table when the report cannot be written")
        #expect(try String(contentsOfFile: folder.file("r.html"), encoding: .utf8) == "old")
        let same = EstimateOutputs(table: folder.file("p.csv"), summary: folder.file("p.csv"))
        #expect(
            throws: VerdantError.usage(
                "\(param: .out), \(param: .report), \(param: .summary), \(param: .quicklook) and \(param: .pdf) must be different files"
            )
        ) {
            try EstimateWorkflow.run(EstimateJobTests.request(), outputs: same)
        }
        #expect(
            throws: VerdantError.invalidParameter(
                .failOnUnobserved, problem: "must be a fraction between 0 and 1 (got 2.0)")
        ) {
            try EstimateWorkflow.run(
                EstimateJobTests.request(), outputs: EstimateOutputs(table: folder.file("x.csv"), failOnUnobserved: 2))
        }
    }

    @Test func factorChoiceMokanyUsesTheIPCCClassAndExcludesAFactorSet() throws {
        let choice = try FactorChoice(rootShoot: .mokany, carbonFraction: 0.5)
        #expect(choice.factorClass == "mokany" && choice.factorSet?.name == "ipcc-2006")
        #expect(choice.factorSet?.classes["mokany"]?.carbonFraction.value == 0.5)
        let set = try #require(FactorCatalog.builtIn().first)
        #expect(throws: VerdantError.self) { try FactorChoice(rootShoot: .mokany, factorSet: set) }
        let fixed = try FactorChoice(rootShoot: .ratio(0.27))
        #expect(fixed.factors.rootShoot == 0.27 && fixed.factorSet == nil)
        var request = EstimateJobTests.request()
        request.factorChoice = choice
        #expect(
            request.factorClass == "mokany" && request.factorSet == choice.factorSet && request.factors == .ipccDefault)
    }
}
