import Testing

@testable import Verdant

@Suite struct ResamplingTests {
    @Test func parsesGDALsMethodNamesInAnyCase() throws {
        #expect(try Resampling(parsing: "average") == .average)
        #expect(try Resampling(parsing: "BILINEAR") == .bilinear)
        #expect(try Resampling(parsing: "CubicSpline") == .cubicSpline)
        #expect(try Resampling(parsing: "near") == .nearest)
        #expect(try Resampling(parsing: "mode") == .mode)
        #expect(
            Resampling.allCases.map(\.rawValue) == [
                "average", "bilinear", "cubic", "cubicspline", "lanczos", "near", "mode"
            ])
    }

    @Test func anUnknownMethodIsAUsageErrorListingTheMethods() {
        for text in ["nearest", "foo", ""] {
            do {
                _ = try Resampling(parsing: text)
                Issue.record("'\(text)' was accepted")
            } catch let e as VerdantError {
                #expect(e.exitCode == 1)
                #expect(e.description.contains("average, bilinear, cubic, cubicspline, lanczos, near, mode"))
                #expect(e.description.contains("'\(text)'"))
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
