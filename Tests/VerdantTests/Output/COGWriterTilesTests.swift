import Dispatch
import Foundation
import GDALKit
import Synchronization
import Testing
import TestSupport

@testable import Verdant

/// The COG writer on its own: windows that do not match its tiles, cells never written, any number of writing
/// threads, overviews, integer cells, BigTIFF; every file read back through GDAL and checked byte by byte.
@Suite struct COGWriterTilesTests {
    static let width = 300, height = 200
    static let transform = GeoTransform(originX: 500_000, originY: 9_000_000, cellWidth: 30, cellHeight: 30)

    static func grid() throws -> RasterGrid {
        try RasterGrid(
            path: "test", width: width, height: height, geoTransform: transform, crs: SpatialReference(epsg: 32622))
    }

    /// Band b's cell i: a value with every mantissa bit busy, NaN on a sprinkle of cells.
    static func value(_ b: Int, _ i: Int) -> Float {
        if (i * 7 + b) % 53 == 0 { return .nan }
        return Float(sin(Double(i) * 0.001 + Double(b))) * 1000 + Float(b)
    }

    /// The windows written: 90 × 70 cells, across the writer's 128-cell tiles; the window at (180, 140) is left
    /// out (its cells must read back as nodata).
    static var windows: [Window] {
        var w: [Window] = []
        for y in stride(from: 0, to: height, by: 70) {
            for x in stride(from: 0, to: width, by: 90) where !(x == 180 && y == 140) {
                w.append(
                    try! Window(
                        columnOffset: x, rowOffset: y, width: min(90, width - x), height: min(70, height - y)))
            }
        }
        return w
    }

    static func written(_ x: Int, _ y: Int) -> Bool { !(180..<270).contains(x) || !(140..<210).contains(y) }

    /// Writes the three bands from `threads` threads (windows in a scrambled order), converts and commits.
    static func write(to path: String, threads: Int, bigTIFF: Bool = false) throws {
        let writer = try COGWriter(
            output: OutputPath(path), grid: grid(), bandDescriptions: ["a", "b", "c"], unit: "m",
            options: COGOptions())
        writer.alwaysBigTIFF = bigTIFF
        var all: [(Window, Int)] = []
        for w in windows { for b in 1...3 { all.append((w, b)) } }
        let n = all.count
        let jobs = all.enumerated().sorted { ($0.offset * 7919) % n < ($1.offset * 7919) % n }.map(\.element)
        let failures = Mutex<[Error]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for (k, (w, b)) in jobs.enumerated() where k % threads == t {
                var values: [Float] = []
                for y in w.rowOffset..<(w.rowOffset + w.height) {
                    for x in w.columnOffset..<(w.columnOffset + w.width) { values.append(value(b - 1, y * width + x)) }
                }
                do { try writer.write(window: w, band: b, values: values) } catch {
                    failures.withLock { $0.append(error) }
                }
            }
        }
        if let e = failures.withLock({ $0.first }) { throw e }
        try writer.finish()
    }

    @Test func unalignedWindowsReadBackExactlyWithNodataWhereNothingCame() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("out.tif")
        try Self.write(to: out, threads: 1)
        #expect(folder.contents() == ["out.tif"], "no temporary files are left")
        let layout = try TIFFLayout(path: out)
        #expect(layout.cogProblems.isEmpty, "\(layout.cogProblems)")
        #expect(layout.blockFramingProblems.isEmpty, "\(layout.blockFramingProblems)")
        #expect(!layout.isBigTIFF)
        // 300 × 200 in 128-cell tiles: overviews of 150 × 100 and 75 × 50 (the first to fit in a tile).
        #expect(layout.images.map(\.width) == [300, 150, 75] && layout.images.map(\.height) == [200, 100, 50])
        let ds = try Dataset.open(out)
        #expect(ds.metadataItem("LAYOUT", domain: "IMAGE_STRUCTURE") == "COG")
        #expect(ds.metadataItem("COMPRESSION", domain: "IMAGE_STRUCTURE") == "DEFLATE")
        #expect(ds.metadataItem("UNITS") == "m")
        #expect(ds.geoTransform == Self.transform)
        for b in 1...3 {
            let band = try ds.band(b)
            #expect(band.bandDescription == ["a", "b", "c"][b - 1])
            #expect(band.noDataValue?.isNaN == true)
            #expect(band.overviewCount == 2)
            let values = try band.readAll(as: Float.self)
            var wrong = 0
            for y in 0..<Self.height {
                for x in 0..<Self.width {
                    let got = values[y * Self.width + x]
                    let want: Float = Self.written(x, y) ? Self.value(b - 1, y * Self.width + x) : .nan
                    if !(got == want || (got.isNaN && want.isNaN)) { wrong += 1 }
                }
            }
            #expect(wrong == 0, "band \(b): \(wrong) cells differ")
        }
    }

    @Test func overviewsAreMeansOfTheValidCellsBelow() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("out.tif")
        try Self.write(to: out, threads: 2)
        // The first overview is the third image's directory in GDAL's numbering of a TIFF's directories: 2.
        let overview = try Dataset.open("GTIFF_DIR:2:\(out)")
        #expect(overview.width == 150 && overview.height == 100)
        let second = try Dataset.open("GTIFF_DIR:3:\(out)")
        for b in 1...3 {
            func cell(_ x: Int, _ y: Int) -> Float {
                Self.written(x, y) ? Self.value(b - 1, y * Self.width + x) : .nan
            }
            func mean(_ cells: [Float]) -> Float {
                let valid = cells.filter { !$0.isNaN }
                return valid.isEmpty ? .nan : Float(valid.reduce(0.0) { $0 + Double($1) } / Double(valid.count))
            }
            var level1 = [Float](repeating: .nan, count: 150 * 100)
            for j in 0..<100 {
                for i in 0..<150 {
                    level1[j * 150 + i] = mean([
                        cell(2 * i, 2 * j), cell(2 * i + 1, 2 * j), cell(2 * i, 2 * j + 1), cell(2 * i + 1, 2 * j + 1)
                    ])
                }
            }
            let got1 = try overview.band(b).readAll(as: Float.self)
            #expect(zip(got1, level1).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "band \(b), overview 1")
            // The second from the first: 150 → 75 columns, 100 → 50 rows.
            let got2 = try second.band(b).readAll(as: Float.self)
            var same = true
            for j in 0..<50 {
                for i in 0..<75 {
                    let m = mean([
                        level1[2 * j * 150 + 2 * i], level1[2 * j * 150 + 2 * i + 1],
                        level1[(2 * j + 1) * 150 + 2 * i], level1[(2 * j + 1) * 150 + 2 * i + 1]
                    ])
                    let g = got2[j * 75 + i]
                    if !(g == m || (g.isNaN && m.isNaN)) { same = false }
                }
            }
            #expect(same, "band \(b), overview 2")
        }
    }

    @Test func theFileIsTheSameBytesForAnyThreadCount() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.write(to: folder.file("one.tif"), threads: 1)
        try Self.write(to: folder.file("four.tif"), threads: 4)
        let one = try Data(contentsOf: URL(fileURLWithPath: folder.file("one.tif")))
        let four = try Data(contentsOf: URL(fileURLWithPath: folder.file("four.tif")))
        #expect(one == four)
    }

    @Test func aBigTIFFReadsBackTheSame() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.write(to: folder.file("classic.tif"), threads: 2)
        try Self.write(to: folder.file("big.tif"), threads: 2, bigTIFF: true)
        let layout = try TIFFLayout(path: folder.file("big.tif"))
        #expect(layout.isBigTIFF)
        #expect(layout.cogProblems.isEmpty, "\(layout.cogProblems)")
        #expect(layout.blockFramingProblems.isEmpty, "\(layout.blockFramingProblems)")
        let big = try Dataset.open(folder.file("big.tif")), classic = try Dataset.open(folder.file("classic.tif"))
        #expect(big.metadataItem("LAYOUT", domain: "IMAGE_STRUCTURE") == "COG")
        #expect(big.spatialReference?.isSame(as: try SpatialReference(epsg: 32622)) == true)
        for b in 1...3 {
            let x = try big.band(b).readAll(as: Float.self), y = try classic.band(b).readAll(as: Float.self)
            #expect(x.map(\.bitPattern) == y.map(\.bitPattern), "band \(b)")
        }
    }

    @Test func integerCellsKeepTheirValuesAndOverviewsTakeTheTopLeftCell() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("counts.tif")
        let writer = try COGWriter(
            output: OutputPath(out), grid: Self.grid(), bandDescription: "count", unit: "dates",
            options: COGOptions(compression: .zstd), dataType: .uInt16, noData: 65_535)
        func count(_ x: Int, _ y: Int) -> UInt16 { UInt16((x * 31 + y * 17) % 70_000 % 65_535) }
        for w in Self.windows {
            var values: [UInt16] = []
            for y in w.rowOffset..<(w.rowOffset + w.height) {
                for x in w.columnOffset..<(w.columnOffset + w.width) { values.append(count(x, y)) }
            }
            try writer.write(window: w, values: values)
        }
        try writer.finish()
        let layout = try TIFFLayout(path: out)
        #expect(layout.cogProblems.isEmpty && layout.blockFramingProblems.isEmpty)
        let ds = try Dataset.open(out)
        #expect(ds.metadataItem("COMPRESSION", domain: "IMAGE_STRUCTURE") == "ZSTD")
        #expect(ds.metadataItem("PREDICTOR", domain: "IMAGE_STRUCTURE") == "2")
        let band = try ds.band(1)
        #expect(band.dataType == .uInt16 && band.noDataValue == 65_535)
        let values = try band.readAll(as: UInt16.self)
        var wrong = 0
        for y in 0..<Self.height {
            for x in 0..<Self.width where values[y * Self.width + x] != (Self.written(x, y) ? count(x, y) : 65_535) {
                wrong += 1
            }
        }
        #expect(wrong == 0)
        let overview = try Dataset.open("GTIFF_DIR:2:\(out)").band(1).readAll(as: UInt16.self)
        var wrongOverview = 0
        for j in 0..<100 {
            for i in 0..<150 where overview[j * 150 + i] != (Self.written(2 * i, 2 * j) ? count(2 * i, 2 * j) : 65_535)
            {
                wrongOverview += 1
            }
        }
        #expect(wrongOverview == 0)
    }

    @Test func aCellWrittenTwiceIsRefusedAndNothingIsLeftBehind() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("out.tif")
        do {
            let writer = try COGWriter(
                output: OutputPath(out), grid: Self.grid(), bandDescription: "a", unit: "", options: COGOptions())
            let w = try Window(columnOffset: 0, rowOffset: 0, width: 128, height: 128)
            try writer.write(window: w, values: [Float](repeating: 1, count: w.cellCount))
            #expect(throws: VerdantError.self) {
                try writer.write(window: w, values: [Float](repeating: 2, count: w.cellCount))
            }
            writer.abandon()
        }
        // The output's lock stays with the run; no temporary file and no output are left.
        #expect(folder.contents().filter { !$0.hasSuffix(".verdant-lock") }.isEmpty, "\(folder.contents())")
    }
}
