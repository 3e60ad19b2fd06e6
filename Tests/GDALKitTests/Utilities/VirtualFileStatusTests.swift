import Foundation
import GDALKit
import Testing
import TestSupport

/// The size, nature and headers of files through GDAL's stat (remote objects: Tests/VerdantCLITests'
/// ObjectStorageTests, against a real S3 API server).
@Suite struct VirtualFileStatusTests {
    @Test func localAndMemoryFilesHaveTheirSizeAndNoHeaders() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Data(repeating: 7, count: 12345).write(to: URL(fileURLWithPath: folder.file("a.bin")))
        let file = try VirtualFileStatus.of(folder.file("a.bin"))
        #expect(file.size == 12345 && !file.isDirectory && file.headers.isEmpty && file.etag == nil)
        #expect(try VirtualFileStatus.of(folder.path).isDirectory)
        let memory = MemoryFiles.folder(tag: "status") + "/x.txt"
        try MemoryFiles.write("four", to: memory)
        defer { MemoryFiles.remove(memory) }
        #expect(try VirtualFileStatus.of(memory).size == 4)
    }

    @Test func aMissingFileThrows() throws {
        #expect(throws: GDALError.self) { try VirtualFileStatus.of("/nonexistent/verdant/a.tif") }
        #expect(throws: GDALError.self) { try VirtualFileStatus.of("/vsimem/verdant-absent/a.tif") }
    }

    @Test func theETagLosesItsQuotes() {
        let status = VirtualFileStatus(
            size: 3, isDirectory: false, headers: ["etag": "\"abc\"", "last-modified": "Thu, 03 Dec 2026 10:00:00 GMT"])
        #expect(status.etag == "abc" && status.lastModified == "Thu, 03 Dec 2026 10:00:00 GMT")
    }
}
