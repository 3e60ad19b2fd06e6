import Testing
@testable import GDALKit

@Suite struct BlockWindowsTests {
    @Test(arguments: [(1000, 700, 256, 256), (7, 5, 3, 2), (512, 512, 512, 512), (513, 1, 16, 16), (10, 10, 100, 100)])
    func coversEveryCellExactlyOnce(size: (Int, Int, Int, Int)) throws {
        let (w, h, tw, th) = size
        let blocks = try BlockWindows(rasterWidth: w, rasterHeight: h, tileWidth: tw, tileHeight: th)
        var hits = [Int](repeating: 0, count: w * h)
        for window in blocks {
            #expect(window.width <= tw && window.height <= th)
            #expect(window.fits(width: w, height: h))
            for r in window.rowOffset..<window.rowEnd {
                for c in window.columnOffset..<window.columnEnd { hits[r * w + c] += 1 }
            }
        }
        #expect(hits.allSatisfy { $0 == 1 })
        #expect(blocks.count == ((w + tw - 1) / tw) * ((h + th - 1) / th))
    }

    @Test func edgeTilesAreTrimmed() throws {
        let blocks = try BlockWindows(rasterWidth: 10, rasterHeight: 7, tileWidth: 4, tileHeight: 4)
        #expect(blocks.count == 6)
        #expect(blocks[2] == (try Window(columnOffset: 8, rowOffset: 0, width: 2, height: 4)))
        #expect(blocks[5] == (try Window(columnOffset: 8, rowOffset: 4, width: 2, height: 3)))
    }

    @Test func tilesOverlappingAWindow() throws {
        let blocks = try BlockWindows(rasterWidth: 10, rasterHeight: 7, tileWidth: 4, tileHeight: 4)
        let w = try Window(columnOffset: 3, rowOffset: 3, width: 2, height: 2)
        #expect(blocks.indices(overlapping: w) == [0, 1, 3, 4])
    }

    @Test func rejectsEmptySizes() {
        #expect(throws: GDALError.self) {
            try BlockWindows(rasterWidth: 0, rasterHeight: 5, tileWidth: 1, tileHeight: 1)
        }
        #expect(throws: GDALError.self) {
            try BlockWindows(rasterWidth: 5, rasterHeight: 5, tileWidth: 0, tileHeight: 1)
        }
    }
}
