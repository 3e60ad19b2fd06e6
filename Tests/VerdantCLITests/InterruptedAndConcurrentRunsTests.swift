import Foundation
import GDALKit
import Testing
import TestSupport

/// Runs that are interrupted, killed or run twice at once leave no partial, stale or clobbered output.
@Suite(.serialized) struct InterruptedAndConcurrentRunsTests {
    /// A virtual raster 20 × the sample in each direction (4000 × 3000 cells): a `map` of it takes seconds.
    static func bigRaster(in folder: TemporaryFolder) throws -> String {
        let source = ProjectRoot.sample("sentinel2_l2a_stack.tif")
        func band(_ i: Int, _ b: Int, _ d: String) -> String {
            """
            <VRTRasterBand dataType="UInt16" band="\(i)"><Description>\(d)</Description><SimpleSource>\
            <SourceFilename>\(source)</SourceFilename><SourceBand>\(b)</SourceBand>\
            <SrcRect xOff="0" yOff="0" xSize="400" ySize="300"/><DstRect xOff="0" yOff="0" xSize="4000" ySize="3000"/>\
            </SimpleSource></VRTRasterBand>
            """
        }
        let vrt = """
            <VRTDataset rasterXSize="4000" rasterYSize="3000"><SRS>EPSG:32647</SRS>\
            <GeoTransform>600000, 1, 0, 1600000, 0, -1</GeoTransform>\(band(1, 3, "B04"))\(band(2, 4, "B08"))</VRTDataset>
            """
        let path = folder.file("big.vrt")
        try vrt.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func mapArguments(_ raster: String, _ folder: TemporaryFolder) -> [String] {
        [
            "map", "--raster", raster, "--red", "B04", "--nir", "B08", "--scale", "0.0001", "--offset", "-0.1",
            "--model", "linear:-30,250", "--ndvi-out", folder.file("ndvi.tif"), "--agb-out", folder.file("agb.tif"),
            "--carbon-out", folder.file("co2e.tif"), "--threads", "2", "--quiet", "--force"
        ]
    }

    /// Starts `verdant` without waiting for it.
    static func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: VerdantBinary.path)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    /// Waits (at most 60 s) until a hidden temporary file of Verdant's appears in `folder`.
    static func waitForTemporary(in folder: TemporaryFolder) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if hidden(in: folder).contains(where: { $0.contains(".verdant-") && $0.contains(".tmp") }) { return true }
            usleep(20_000)
        }
        return false
    }

    static func hidden(in folder: TemporaryFolder) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".") }
            .sorted()
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedRunLeavesNothing(signal: Int32) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let raster = try Self.bigRaster(in: folder)
        let (process, err) = try Self.start(Self.mapArguments(raster, folder))
        #expect(Self.waitForTemporary(in: folder), "the run made its staging files")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 128 + signal, "\(stderr)")
        #expect(stderr.contains("interrupted by") && stderr.contains("no output was written"), "\(stderr)")
        #expect(folder.contents() == ["big.vrt"], "no output, temporary file or lock left: \(folder.contents())")
    }

    @Test func theRunAfterAKillRemovesTheKilledRunsTemporaries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let raster = try Self.bigRaster(in: folder)
        let (process, _) = try Self.start(Self.mapArguments(raster, folder))
        #expect(Self.waitForTemporary(in: folder))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(!Self.hidden(in: folder).isEmpty, "kill -9 leaves the staging files")
        // The next run on those outputs holds their locks, so the files can only be a dead run's: it removes them.
        let small = ProjectRoot.sample("sentinel2_l2a_stack.tif")
        let r = try VerdantBinary.run(Self.mapArguments(small, folder))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.hidden(in: folder).isEmpty, "stale files left: \(Self.hidden(in: folder))")
        #expect(
            folder.contents() == [
                "agb.qml", "agb.tif", "big.vrt", "co2e.qml", "co2e.tif", "ndvi.qml", "ndvi.tif"
            ])
    }

    /// The second run fails at once and touches nothing; the first is then interrupted (so the test does not wait
    /// for its whole map, which under Thread Sanitizer takes minutes) and leaves the earlier outputs as they were.
    @Test func aSecondRunOnTheSameOutputFailsClearly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let small = ProjectRoot.sample("sentinel2_l2a_stack.tif")
        let earlier = try VerdantBinary.run(Self.mapArguments(small, folder))
        #expect(earlier.status == 0, "\(earlier.stderr)")
        let outputs = ["agb.qml", "agb.tif", "co2e.qml", "co2e.tif", "ndvi.qml", "ndvi.tif"]
        let before = try outputs.map { try Data(contentsOf: URL(fileURLWithPath: folder.file($0))) }
        let raster = try Self.bigRaster(in: folder)
        let (first, firstErr) = try Self.start(Self.mapArguments(raster, folder))
        #expect(Self.waitForTemporary(in: folder))
        let second = try VerdantBinary.run(Self.mapArguments(small, folder))
        #expect(second.status == 2)
        #expect(second.stderr.contains("another Verdant run is writing it now"), "\(second.stderr)")
        #expect(first.isRunning, "the first run still holds its outputs when the second is refused")
        kill(first.processIdentifier, SIGTERM)
        first.waitUntilExit()
        let stderr = String(decoding: firstErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(first.terminationStatus == 128 + SIGTERM, "\(stderr)")
        #expect(
            folder.contents() == [
                "agb.qml", "agb.tif", "big.vrt", "co2e.qml", "co2e.tif", "ndvi.qml", "ndvi.tif"
            ])
        #expect(Self.hidden(in: folder).isEmpty)
        // Neither run replaced the earlier outputs: the second was refused, the first interrupted.
        let after = try outputs.map { try Data(contentsOf: URL(fileURLWithPath: folder.file($0))) }
        #expect(after == before)
    }
}
