import Testing

@testable import VerdantCore

@Suite struct VerdantErrorWordingTests {
    @Test func eachKindHasItsWordingAndExitCode() {
        #expect(VerdantError.usage("--scale must be finite").description == "--scale must be finite")
        #expect(VerdantError.input(file: "a.tif", problem: "no such file").description == "a.tif: no such file")
        #expect(
            VerdantError.output(file: "o.csv", problem: "disk full").description
                == "o.csv: cannot write output: disk full")
        #expect(VerdantError.partial("2 parcels failed").description == "partial result: 2 parcels failed")
        #expect(VerdantError.internal("x").description == "internal error: x")
        #expect(
            [
                VerdantError.usage(""), .input(file: "", problem: ""), .output(file: "", problem: ""), .partial(""),
                .internal("")
            ]
            .map(\.exitCode) == [1, 2, 2, 3, 4])
    }

    @Test func aMessageIsOneLine() {
        let e = VerdantError.input(file: "crs.tif", problem: "PROJ says:\n  unknown datum\r\n\nsee PROJ_DEBUG")
        #expect(e.description == "crs.tif: PROJ says: unknown datum see PROJ_DEBUG")
    }
}
