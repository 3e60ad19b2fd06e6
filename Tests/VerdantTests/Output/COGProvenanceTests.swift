import Foundation
import GDALKit
import Testing
import TestSupport
import VerdantCore

@testable import Verdant

@Suite struct COGProvenanceTests {
    static func grid() throws -> RasterGrid {
        try RasterGrid(
            path: "test", width: 300, height: 200,
            geoTransform: GeoTransform(originX: 500_000, originY: 9_000_000, cellWidth: 10, cellHeight: 10),
            crs: SpatialReference(epsg: 32622))
    }

    static func fill(_ writer: COGWriter, bands: Int) throws {
        let w = try Window(columnOffset: 0, rowOffset: 0, width: 300, height: 200)
        for b in 1...bands { try writer.write(window: w, band: b, values: [Float](repeating: Float(b), count: 60_000)) }
    }

    @Test func unitsDescriptionsAndProvenanceAreReadBackByGDAL() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("stack.tif")
        let writer = try COGWriter(
            output: OutputPath(out), grid: Self.grid(), bandDescriptions: ["red", "ndvi"], unit: "",
            options: COGOptions())
        writer.bandUnits = ["", "1"]
        let model = BiomassModel.example
        writer.metadata = COGProvenance.items(
            command: "test", model: model, factors: .ipccDefault,
            checksums: ["in.tif": String(repeating: "a", count: 64)])
        writer.style = (try OutputPath(QGISStyle.path(beside: out)), QGISStyle.qml(.index("ndvi"), band: 2))
        try Self.fill(writer, bands: 2)
        try writer.finish()
        #expect(folder.contents() == ["stack.qml", "stack.tif"])

        let ds = try Dataset.open(out)
        #expect(try ds.band(1).bandDescription == "red")
        #expect(try ds.band(2).bandDescription == "ndvi")
        #expect(try ds.band(1).unitType == "")
        #expect(try ds.band(2).unitType == "1")
        #expect(ds.metadataItem("VERDANT_VERSION") == VerdantVersion.verdant)
        #expect(ds.metadataItem("VERDANT_COMMAND") == "test")
        #expect(ds.metadataItem("MODEL") == model.expression)
        #expect(ds.metadataItem("MODEL_FORMULA") == model.formula)
        #expect(ds.metadataItem("MODEL_SOURCE") == model.source)
        #expect(ds.metadataItem("CARBON_FACTORS")?.contains("0.47") == true)
        #expect(ds.metadataItem("INPUT_SHA256") == String(repeating: "a", count: 64) + "  in.tif")
        #expect(ds.metadataItem("LAYOUT", domain: "IMAGE_STRUCTURE") == "COG", "still a COG")
        let qml = try String(contentsOfFile: folder.file("stack.qml"), encoding: .utf8)
        #expect(qml.contains("type=\"singlebandpseudocolor\" band=\"2\""))
    }

    @Test func anAbandonedWriterLeavesNoStyle() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("agb.tif")
        let writer = try COGWriter(
            output: OutputPath(out), grid: Self.grid(), bandDescription: "AGB", unit: "t/ha", options: COGOptions())
        writer.style = (
            try OutputPath(QGISStyle.path(beside: out)), QGISStyle.qml(.density(maximum: 200, unit: "t/ha"))
        )
        try Self.fill(writer, bands: 1)
        try writer.convert()
        writer.abandon()
        #expect(folder.contents().filter { !$0.hasSuffix(".verdant-lock") }.isEmpty, "\(folder.contents())")
    }

    @Test func aStyleWaitsForThePublication() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("agb.tif")
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try Publication.together {
                let writer = try COGWriter(
                    output: OutputPath(out), grid: Self.grid(), bandDescription: "AGB", unit: "t/ha",
                    options: COGOptions())
                writer.style = (
                    try OutputPath(QGISStyle.path(beside: out)), QGISStyle.qml(.density(maximum: 200, unit: "t/ha"))
                )
                try Self.fill(writer, bands: 1)
                try writer.finish()
                throw Failure()
            }
        }
        #expect(folder.contents().filter { !$0.hasSuffix(".verdant-lock") }.isEmpty, "\(folder.contents())")
    }
}
