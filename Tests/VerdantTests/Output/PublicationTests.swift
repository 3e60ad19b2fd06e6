import Foundation
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// Outputs of one run are published together; their temporary files and locks are accounted for.
@Suite struct PublicationTests {
    @Test func outputsOfARunArePublishedTogetherOrNotAtAll() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let a = folder.file("a.csv"), b = folder.file("b.md")
        // A failure after the first output was finished: neither is published, nothing is left.
        struct Late: Error {}
        #expect(throws: Late.self) {
            try Publication.together {
                try OutputPath(a).write(Data("x\n".utf8))
                #expect(!FileManager.default.fileExists(atPath: a), "not in place before the end")
                try OutputPath(b).write(Data("y\n".utf8))
                throw Late()
            }
        }
        #expect(folder.contents().isEmpty, "\(folder.contents())")
        try Publication.together {
            try OutputPath(a).write(Data("x\n".utf8))
            try OutputPath(b).write(Data("y\n".utf8))
        }
        #expect(folder.contents() == ["a.csv", "b.md"])
        #expect(OutputLocks.heldPaths.filter { $0.hasPrefix(folder.path) }.isEmpty, "locks released")
        #expect(TemporaryFiles.paths.filter { $0.hasPrefix(folder.path) }.isEmpty)
    }

    @Test func anOutputIsLockedWhileARunHoldsIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("o.csv")
        _ = try OutputPath(path)
        #expect(OutputLocks.heldPaths.contains(path))
        #expect(folder.contents() == [".o.csv.verdant-lock"])
        // Another process cannot take it (flock locks are per open file: a second open in this process stands in).
        let fd = open(OutputLocks.lockFile(for: path), O_RDWR)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0, "the lock is held")
        close(fd)
        try OutputPath(path).write(Data("x\n".utf8))
        #expect(folder.contents() == ["o.csv"], "written, lock released and its file removed")
    }

    @Test func staleTemporariesOfAnOutputAreRemovedWhenItsLockIsTaken() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // What a killed run leaves: temporaries of o.tif (and of another output, which stay).
        for name in [
            ".o.tif.verdant-staging-99999-1.tmp", ".o.tif.verdant-report-99999-2.tmp.gpkg",
            ".p.tif.verdant-staging-99999-3.tmp"
        ] {
            FileManager.default.createFile(atPath: folder.file(name), contents: Data())
        }
        let output = try OutputPath(folder.file("o.tif"))
        #expect(folder.contents() == [".o.tif.verdant-lock", ".p.tif.verdant-staging-99999-3.tmp"])
        try output.write(Data())
    }
}
