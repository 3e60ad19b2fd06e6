import Foundation
import Synchronization
import Testing
import TestSupport
@testable import GDALKit

/// GDAL's messages: a failure during a call becomes the call's typed error with GDAL's message and the file; what
/// GDAL says outside a call reaches `GDALMessages`, never standard error by itself.
@Suite(.serialized) struct GDALMessagesTests {
    /// The sample Sentinel-2 stack cut to 40 %: its header survives, most of its tiles do not.
    static func truncatedTIFF(in folder: TemporaryFolder) throws -> String {
        let path = folder.file("cut.tif")
        let data = try Data(contentsOf: URL(fileURLWithPath: ProjectRoot.sample("sentinel2_l2a_stack.tif")))
        try data.prefix(data.count * 2 / 5).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aReadErrorBecomesTheTypedErrorWithGDALsMessageAndTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try Self.truncatedTIFF(in: folder)
        let ds = try Dataset.open(path)
        let all = try Window(columnOffset: 0, rowOffset: 0, width: ds.width, height: ds.height)
        do {
            _ = try ds.read(window: all, bands: [1, 2, 3, 4], as: UInt16.self)
            Issue.record("reading a truncated TIFF did not throw")
        } catch let error as GDALError {
            #expect(error.context.contains(path))
            #expect(error.context.contains("reading"))
            #expect(!error.messages.isEmpty)
            #expect(
                error.description.contains("Read error") || error.description.contains("IReadBlock failed"), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func messagesOutsideCallsReachTheSinkAndCRSMessagesAreKept() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try RasterFixture.write(
            folder.file("unknown-crs.tif"), width: 4, height: 4, type: .byte,
            bands: [[Double](repeating: 1, count: 16)])
        try TIFFPatch.setGeoKey(path, key: 3072, to: 32799)
        let heard = Mutex<[String]>([])
        GDALMessages.setSink { _, text in heard.withLock { $0.append(text) } }
        defer { GDALMessages.setSink(nil) }
        // The accessor that does not collect: its messages go to the sink.
        _ = try Dataset.open(path).spatialReference
        #expect(heard.withLock { $0 }.contains { $0.contains("crs not found") }, "\(heard.withLock { $0 })")
        // The reading that collects them returns them with the CRS, which PROJ could not resolve.
        let (crs, messages) = try Dataset.open(path).spatialReferenceWithMessages()
        #expect(messages.contains { $0.contains("crs not found") }, "\(messages)")
        #expect(crs?.isProjected == false && crs?.isGeographic == false)
    }

    @Test func descriptionsAreOneLine() {
        let e = GDALError(context: "reading 'x.tif'", messages: ["PROJ: first\nsecond line", "  ", "again", "again"])
        #expect(e.description == "reading 'x.tif': PROJ: first second line; again (×2)")
    }
}
