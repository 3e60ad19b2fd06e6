import Testing
import VerdantCore

/// Errors carry the parameter, file, band or parcel as fields; their text names parameters by library name
/// (a front end renders its own names), and each case has its exit code.
@Suite struct VerdantErrorTests {
    @Test func fieldsAndLibraryWording() {
        let bad = VerdantError.invalidParameter(.minObserved, problem: "must be between 0 and 1 (got 2.0)")
        #expect(bad.description == "minObserved must be between 0 and 1 (got 2.0)")
        #expect(bad.parameters == [.minObserved] && bad.file == nil && bad.exitCode == 1)
        let hint = VerdantError.input(
            file: "p.gpkg", problem: "has no CRS; give one with \(param: .assumedParcelsCRS) (e.g. EPSG:4326)")
        #expect(hint.description == "p.gpkg: has no CRS; give one with assumedParcelsCRS (e.g. EPSG:4326)")
        #expect(hint.parameters == [.assumedParcelsCRS] && hint.file == "p.gpkg" && hint.exitCode == 2)
        let band = VerdantError.band(file: "s2.tif", band: "3", problem: "is of type CInt16")
        #expect(band.description == "s2.tif: band 3 is of type CInt16" && band.exitCode == 2 && band.file == "s2.tif")
        let parcel = VerdantError.parcel(file: "p.geojson", parcel: "P7", problem: "class 'x' is not in the factor set")
        #expect(parcel.description == "p.geojson: parcel P7: class 'x' is not in the factor set")
        #expect(VerdantError.partial("2 parcels failed").exitCode == 3 && VerdantError.internal("x").exitCode == 4)
        #expect(
            VerdantError.output(file: "o.csv", problem: "disk full").description
                == "o.csv: cannot write output: disk full")
    }

    @Test func textKeepsParametersApartAndRendersWithAnyNaming() {
        let inner: ErrorText = "raise it with \(param: .maxCells) N"
        let text: ErrorText = "\(param: .resolution) 0.5: \(inner) (\(3) cells)"
        #expect(text.parameters == [.resolution, .maxCells])
        #expect(text.rendered { "<\($0.name)>" } == "<resolution> 0.5: raise it with <maxCells> N (3 cells)")
        #expect(text.description == "resolution 0.5: raise it with maxCells N (3 cells)")
        #expect(ErrorText("plain").parts == [.text("plain")])
    }

    @Test func messagesAreOneLine() {
        let e = VerdantError.input(file: "f.yaml", problem: ErrorText("line 1\n  line 2\n"))
        #expect(e.description == "f.yaml: line 1 line 2")
    }
}
