import Foundation
import Testing
import TestSupport
import Verdant

@Suite struct BandSourceTests {
    @Test func parsesFileAndBand() throws {
        #expect(try BandSource(parsing: "B04.tif") == BandSource(path: "B04.tif", band: .index(1)))
        #expect(try BandSource(parsing: "stack.tif:3") == BandSource(path: "stack.tif", band: .index(3)))
        #expect(try BandSource(parsing: "stack.tif:B08") == BandSource(path: "stack.tif", band: .description("B08")))
        #expect(
            try BandSource(parsing: "/vsicurl/https://example.org/x.tif")
                == BandSource(path: "/vsicurl/https://example.org/x.tif", band: .index(1)))
        #expect(
            try BandSource(parsing: "/vsicurl/https://example.org/x.tif:2")
                == BandSource(path: "/vsicurl/https://example.org/x.tif", band: .index(2)))
    }

    @Test func anExistingFileWithAColonIsAFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let odd = folder.file("scene:B04")
        _ = FileManager.default.createFile(atPath: odd, contents: Data())
        #expect(try BandSource(parsing: odd) == BandSource(path: odd, band: .index(1)))
    }

    @Test func selectors() throws {
        #expect(try BandSelector(parsing: "4") == .index(4))
        #expect(try BandSelector(parsing: "B8A") == .description("B8A"))
        #expect(throws: VerdantError.self) { try BandSelector(parsing: "0") }
        #expect(throws: VerdantError.self) { try BandSelector(parsing: "") }
    }

    @Test func assignments() throws {
        let a = try BandAssignment(parsing: "nir=B08.tif")
        #expect(a.role == .nir && a.source.path == "B08.tif")
        #expect(throws: VerdantError.self) { try BandAssignment(parsing: "B08.tif") }
        #expect(throws: VerdantError.self) { try BandAssignment(parsing: "purple=B02.tif") }
        #expect(try BandAssignment(parsing: "RE=x.tif").role == .redEdge)
        // A role given twice is a mosaic of the same band of both files; different bands are an error.
        let mosaic = try RasterInputs(assignments: [
            try BandAssignment(parsing: "red=a.tif"), try BandAssignment(parsing: "red=b.tif")
        ])
        #expect(mosaic.bands[.red]?.paths == ["a.tif", "b.tif"])
        #expect(throws: VerdantError.self) {
            try RasterInputs(assignments: [
                try BandAssignment(parsing: "red=a.tif:1"), try BandAssignment(parsing: "red=b.tif:2")
            ])
        }
    }
}
