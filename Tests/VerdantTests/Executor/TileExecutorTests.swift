import GDALKit
import Testing
import Verdant

@Suite struct TileExecutorTests {
    struct Boom: Error, Equatable { let tile: Int }

    @Test(arguments: [1, 2, 8])
    func resultsComeInTileOrder(threads: Int) throws {
        let tiles = try BlockWindows(rasterWidth: 100, rasterHeight: 90, tileWidth: 16, tileHeight: 16)
        let results = try TileExecutor.run(tiles: tiles, threads: threads, makeWorker: { 0 }) { seen, index, window in
            seen += 1
            return (index, window.cellCount)
        }
        #expect(results.map(\.0) == Array(0..<tiles.count))
        #expect(results.map(\.1).reduce(0, +) == 100 * 90)
    }

    @Test(arguments: [1, 2, 8])
    func theLowestFailingTileIsReported(threads: Int) throws {
        let tiles = try BlockWindows(rasterWidth: 64, rasterHeight: 64, tileWidth: 8, tileHeight: 8)
        #expect(throws: Boom(tile: 5)) {
            _ = try TileExecutor.run(tiles: tiles, threads: threads, makeWorker: { () }) { _, index, _ -> Int in
                if index == 5 || index == 40 { throw Boom(tile: index) }
                return index
            }
        }
    }
}
