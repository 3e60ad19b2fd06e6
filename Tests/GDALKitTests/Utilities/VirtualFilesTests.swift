import Foundation
import GDALKit
import Testing
import TestSupport

/// Listing and reading files inside a zip through `/vsizip/`.
@Suite struct VirtualFilesTests {
    @Test func listsAndReadsInsideAZip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("a/b"), withIntermediateDirectories: true)
        try "one".write(toFile: folder.file("a/one.txt"), atomically: true, encoding: .utf8)
        try "two".write(toFile: folder.file("a/b/two.txt"), atomically: true, encoding: .utf8)
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
        zip.arguments = ["-qr", "x.zip", "a"]
        zip.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        try zip.run()
        zip.waitUntilExit()
        let root = "/vsizip/" + folder.file("x.zip")
        let listed = try #require(VirtualFiles.listRecursively(root))
        #expect(listed.contains("a/one.txt") && listed.contains("a/b/two.txt"), "\(listed)")
        #expect(VirtualFiles.contents(root + "/a/b/two.txt") == Data("two".utf8))
        #expect(VirtualFiles.contents(root + "/a/none.txt") == nil)
        #expect(VirtualFiles.listRecursively("/vsizip/" + folder.file("none.zip")) == nil)
    }
}
