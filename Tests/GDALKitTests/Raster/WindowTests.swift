import Testing
@testable import GDALKit

@Suite struct WindowTests {
    @Test func validatesOffsetsAndSizes() {
        #expect(throws: GDALError.self) { try Window(columnOffset: -1, rowOffset: 0, width: 1, height: 1) }
        #expect(throws: GDALError.self) { try Window(columnOffset: 0, rowOffset: 0, width: 0, height: 1) }
    }

    @Test func intersection() throws {
        let a = try Window(columnOffset: 0, rowOffset: 0, width: 10, height: 10)
        let b = try Window(columnOffset: 5, rowOffset: 8, width: 10, height: 10)
        #expect(a.intersection(b) == (try Window(columnOffset: 5, rowOffset: 8, width: 5, height: 2)))
        let c = try Window(columnOffset: 10, rowOffset: 0, width: 1, height: 1)
        #expect(a.intersection(c) == nil)
    }
}
