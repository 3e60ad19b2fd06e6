import Testing
@testable import VerdantCore

@Suite("CellWindow")
struct CellWindowTests {
    @Test("validates its position and size")
    func validation() {
        #expect(CellWindow(column: 0, row: 0, width: 1, height: 1) != nil)
        #expect(CellWindow(column: -1, row: 0, width: 1, height: 1) == nil)
        #expect(CellWindow(column: 0, row: -1, width: 1, height: 1) == nil)
        #expect(CellWindow(column: 0, row: 0, width: 0, height: 1) == nil)
        #expect(CellWindow(column: 0, row: 0, width: 1, height: 0) == nil)
        #expect(CellWindow(column: Int.max, row: 0, width: 1, height: 1) == nil)
        #expect(CellWindow(column: 0, row: 0, width: Int.max / 2, height: 3) == nil)
    }

    @Test("contains cells and windows; offsets are row-major")
    func containment() throws {
        let window = try #require(CellWindow(column: 2, row: 3, width: 4, height: 2))
        #expect(window.endColumn == 6 && window.endRow == 5 && window.cellCount == 8)
        #expect(window.contains(column: 2, row: 3) && window.contains(column: 5, row: 4))
        #expect(
            !window.contains(column: 6, row: 3) && !window.contains(column: 2, row: 5)
                && !window.contains(column: 1, row: 3))
        #expect(window.offset(column: 3, row: 4) == 5)
        #expect(window.offset(column: 6, row: 4) == nil)
        #expect(window.contains(try #require(CellWindow(column: 3, row: 3, width: 3, height: 2))))
        #expect(!window.contains(try #require(CellWindow(column: 3, row: 3, width: 4, height: 2))))
    }

    @Test("intersection")
    func intersection() throws {
        let a = try #require(CellWindow(column: 0, row: 0, width: 5, height: 5))
        let b = try #require(CellWindow(column: 3, row: 4, width: 5, height: 5))
        #expect(a.intersection(b) == CellWindow(column: 3, row: 4, width: 2, height: 1))
        #expect(b.intersection(a) == a.intersection(b))
        #expect(a.intersection(try #require(CellWindow(column: 5, row: 0, width: 1, height: 1))) == nil)
    }
}
