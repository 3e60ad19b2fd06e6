import Testing
import VerdantCore

@Suite struct CompositeMethodTests {
    @Test func parsesEveryForm() throws {
        #expect(try CompositeMethod(parsing: "median") == .median)
        #expect(try CompositeMethod(parsing: "mean") == .mean)
        #expect(try CompositeMethod(parsing: "min") == .min)
        #expect(try CompositeMethod(parsing: "max") == .max)
        #expect(try CompositeMethod(parsing: "max-ndvi") == .maxIndex)
        #expect(try CompositeMethod(parsing: "p90") == .percentile(90))
        #expect(try CompositeMethod(parsing: "p0") == .percentile(0))
        #expect(try CompositeMethod(parsing: "p100") == .percentile(100))
        #expect(try CompositeMethod(parsing: "p2.5") == .percentile(2.5))
        #expect(try CompositeMethod(parsing: "p33.3") == .percentile(33.3))
    }

    @Test func describesItsTextForm() throws {
        let methods: [CompositeMethod] = [.median, .mean, .min, .max, .maxIndex, .percentile(90), .percentile(2.5)]
        #expect(methods.map(\.description) == ["median", "mean", "min", "max", "max-ndvi", "p90", "p2.5"])
        for method in methods { #expect(try CompositeMethod(parsing: method.description) == method) }
    }

    @Test func rejectsOtherText() {
        for text in ["", "avg", "p", "p101", "p100.5", "p-1", "p.5", "p5.", "p1e1", "pinf", "pnan", "p 5", "90"] {
            #expect(throws: VerdantError.self, "\(text)") { try CompositeMethod(parsing: text) }
        }
        do {
            _ = try CompositeMethod(parsing: "p101")
            Issue.record("p101 parsed")
        } catch let error as VerdantError {
            #expect(
                error.description
                    == "unknown composite method 'p101': use median, mean, min, max, max-ndvi or pNN "
                    + "(the percentile NN from 0 to 100: p90, p2.5)")
            #expect(error.exitCode == 1)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
