import Foundation
import GDALKit
import TestSupport
import Testing

@testable import Verdant

@Suite struct ScratchFolderTests {
    @Test func eachRunHasItsOwnInMemoryFolderRemovedWithItsLastValue() throws {
        var path = ""
        do {
            let scratch = ScratchFolder()
            #expect(scratch.path.hasPrefix("/vsimem/verdant-inputs-"))
            #expect(scratch.file("red.vrt") == scratch.path + "/red.vrt")
            #expect(ScratchFolder().path != scratch.path)
            path = scratch.file("a.tif")
            try RasterFixture.write(path, width: 2, height: 1, type: .float32, bands: [[1, 2]])
            #expect(try Dataset.open(path).width == 2)
            withExtendedLifetime(scratch) {}
        }
        #expect(throws: (any Error).self) { try Dataset.open(path) }
    }
}
