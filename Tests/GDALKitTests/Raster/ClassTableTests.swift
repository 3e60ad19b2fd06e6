import Foundation
import Testing
import TestSupport

@testable import GDALKit

/// A class raster's legend written as category names, colour table and attribute table, and read back.
@Suite struct ClassTableTests {
    @Test func writesAndReadsBackNamesColoursAndTheAttributeTable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try RasterFixture.write(
            folder.file("classes.tif"), width: 2, height: 2, type: .byte, bands: [[0, 1, 3, 3]])
        let table = ClassTable([
            .init(value: 3, name: "water", color: (30, 90, 200)), .init(value: 0, name: "unobserved", color: (0, 0, 0)),
            .init(value: 1, name: "forest", color: (20, 120, 40))
        ])
        #expect(table.entries.map(\.value) == [0, 1, 3])
        do {
            let ds = try Dataset.open(path, access: .update)
            try ds.band(1).setClassTable(table)
            try ds.close()
        }
        let band = try Dataset.open(path).band(1)
        #expect(band.categoryNames == [0: "unobserved", 1: "forest", 3: "water"])
        let colors = band.colorTable
        #expect(colors[1].map { [$0.0, $0.1, $0.2] } == [20, 120, 40])
        #expect(colors[3].map { [$0.0, $0.1, $0.2] } == [30, 90, 200])
        #expect(colors[2].map { [$0.0, $0.1, $0.2] } == [0, 0, 0])
        #expect(table.name(of: 3) == "water" && table.name(of: 2) == nil)
        // Negative values or values above 65535 are refused.
        let ds = try Dataset.open(path, access: .update)
        #expect(throws: GDALError.self) {
            try ds.band(1).setClassTable(ClassTable([.init(value: -1, name: "x", color: (0, 0, 0))]))
        }
    }

    @Test func auxiliaryXMLGivesTheNamesToAnotherRaster() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let table = ClassTable([
            .init(value: 0, name: "unobserved", color: (0, 0, 0)), .init(value: 2, name: "water", color: (0, 0, 255))
        ])
        let xml = try table.auxiliaryXML(dataType: .byte, folder: folder.path)
        #expect(xml.contains("water") && xml.contains("PAMDataset"))
        #expect(folder.contents().isEmpty, "no scratch file left: \(folder.contents())")
        let path = try RasterFixture.write(folder.file("map.tif"), width: 2, height: 1, type: .byte, bands: [[0, 2]])
        try xml.write(toFile: path + ".aux.xml", atomically: true, encoding: .utf8)
        #expect(try Dataset.open(path).band(1).categoryNames == [0: "unobserved", 2: "water"])
    }
}
