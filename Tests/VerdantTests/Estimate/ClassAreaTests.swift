import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// Per-parcel class areas from a land-cover band (`class_<name>_ha`), and green cover from classes.
@Suite struct ClassAreaTests {
    /// A 4 × 4 scene of 10 m cells, NDVI 0.6 everywhere; a class map of the same grid: rows of forest (1),
    /// plantation (2), grass (3) and water (4), its last cell nodata (255); one parcel over the left half
    /// (columns 0–1), one over a quarter cell of row 0 plus column 3 of rows 1–3.
    static func scene(_ folder: TemporaryFolder) throws -> (inputs: RasterInputs, parcels: ParcelSource) {
        let red = [Double](repeating: 0.1, count: 16), nir = [Double](repeating: 0.4, count: 16)
        let stack = try RasterFixture.write(
            folder.file("s.tif"), width: 4, height: 4, type: .float32, bands: [red, nir])
        var classes: [Double] = []
        for row in 0..<4 { classes += [Double](repeating: Double(row + 1), count: 4) }
        classes[15] = 255
        let map = try RasterFixture.write(
            folder.file("classes.tif"), width: 4, height: 4, type: .byte, bands: [classes], noData: 255)
        let ds = try Dataset.open(map, access: .update)
        try ds.band(1).setClassTable(
            ClassTable([
                .init(value: 1, name: "forest", color: (0, 100, 0)),
                .init(value: 2, name: "Plantation (teak)", color: (0, 200, 0)),
                .init(value: 3, name: "grass", color: (200, 200, 0)), .init(value: 4, name: "water", color: (0, 0, 200))
            ]))
        try ds.close()
        var inputs = RasterInputs.stacked(path: stack, red: .index(1), nir: .index(2), scaling: .identity)
        inputs.bands[.landCover] = BandSource(path: map, band: .index(1))
        let parcels = try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:32647",
            features: [
                VectorFixture.Feature(
                    properties: [("id", "\"left\"")],
                    polygons: [[VectorFixture.rect(600_000, 1_599_960, 600_020, 1_600_000)]]),
                VectorFixture.Feature(
                    properties: [("id", "\"right\"")],
                    polygons: [
                        [VectorFixture.rect(600_030, 1_599_960, 600_040, 1_599_990)],
                        [VectorFixture.rect(600_000, 1_599_995, 600_005, 1_600_000)]
                    ])
            ])
        return (inputs, ParcelSource(path: parcels, idField: "id"))
    }

    @Test func classAreasPerParcel() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (inputs, parcels) = try Self.scene(folder)
        let report = try EstimateJob.run(EstimateRequest(inputs: inputs, parcels: parcels))
        #expect(
            report.classColumns.map(\.column) == [
                "class_forest_ha", "class_plantation__teak__ha", "class_grass_ha", "class_water_ha"
            ])
        let left = report.rows[0], right = report.rows[1]
        #expect(left.classAreasHa == [1: 0.02, 2: 0.02, 3: 0.02, 4: 0.02])
        // 25 m² of forest (a quarter cell), a plantation and a grass cell, and no water (the nodata cell).
        #expect(right.classAreasHa == [1: 0.0025, 2: 0.01, 3: 0.01])
        let csv = CSVReport.text(report)
        let header = csv.split(separator: "\n")[0].split(separator: ",").map(String.init)
        #expect(
            Array(header.suffix(5)) == [
                "class_forest_ha", "class_plantation__teak__ha", "class_grass_ha", "class_water_ha", "notes"
            ])
        let rightLine = csv.split(separator: "\n")[2].split(separator: ",", omittingEmptySubsequences: false)
        #expect(Array(rightLine.suffix(5)) == ["0.0025", "0.01", "0.01", "0.0", ""])
    }

    @Test func greenCoverFromClasses() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (inputs, parcels) = try Self.scene(folder)
        var request = EstimateRequest(inputs: inputs, parcels: parcels)
        request.greenClasses = ["forest", "2"]
        let report = try EstimateJob.run(request)
        #expect(report.rows[0].greenHa == 0.04 && report.rows[0].greenFraction == 0.5)
        #expect(abs(report.rows[1].greenHa! - 0.0125) < 1e-15)
        #expect(abs(report.rows[1].greenFraction! - 0.0125 / 0.0225) < 1e-15)
        request.greenClasses = ["mangrove"]
        let error = #expect(throws: VerdantError.self) { try EstimateJob.run(request) }
        #expect(error?.description.contains("'mangrove' is not a class") == true)
        #expect(error?.description.contains("1 forest") == true)
        var noBand = EstimateRequest(
            inputs: RasterInputs(bands: inputs.bands.filter { $0.key != .landCover }, scaling: .identity),
            parcels: parcels)
        noBand.greenClasses = ["forest"]
        #expect(throws: VerdantError.self) { try EstimateJob.run(noBand) }
    }

    @Test func aCoarserClassMapIsReadByNearestNeighbourAndThreadsAgree() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var (inputs, parcels) = try Self.scene(folder)
        // A 2 × 2 map of 20 m cells: forest, grass / water, forest.
        let coarse = try RasterFixture.write(
            folder.file("coarse.tif"), width: 2, height: 2, type: .byte, bands: [[1, 3, 4, 1]],
            transform: GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 20, cellHeight: 20))
        inputs.bands[.landCover] = BandSource(path: coarse, band: .index(1))
        let runs = try [1, 2, 8].map { threads in
            try EstimateJob.run(
                EstimateRequest(inputs: inputs, parcels: parcels, execution: ExecutionOptions(threads: threads)))
        }
        #expect(runs[0].rows[0].classAreasHa == [1: 0.04, 4: 0.04])
        #expect(runs[0].classColumns.map(\.column) == ["class_1_ha", "class_3_ha", "class_4_ha"])
        #expect(runs[1].rows == runs[0].rows && runs[2].rows == runs[0].rows)
    }

    @Test func carbonFactorsClassByClass() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (inputs, parcels) = try Self.scene(folder)
        func set(water: Bool) throws -> FactorSet {
            func c(_ r: Double, _ cf: Double) -> String {
                "{\"rootShoot\": {\"value\": \(r), \"source\": \"R\"}, \"carbonFraction\": {\"value\": \(cf), \"source\": \"CF\"}}"
            }
            let text = """
                {"name": "test", "title": "t", "source": "s", "classes": {"forest": \(c(0.24, 0.47)),
                "plantation (teak)": \(c(0.2, 0.5)), "grass": \(c(0, 0.47))\(water ? ", \"water\": \(c(0, 0))" : "")}}
                """
            let path = folder.file("set-\(water).json")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return try FactorCatalog.load(path)
        }
        var request = EstimateRequest(
            inputs: inputs, parcels: parcels, model: try BiomassModel(parsing: "linear:-30,250"))
        request.factorSet = try set(water: false)
        request.factorsByClassBand = true
        // The water cells are observed and the set has no water class: an error naming the parcel and the class.
        let error = #expect(throws: VerdantError.self) { try EstimateJob.run(request) }
        #expect(error?.description.contains("class 4 (water)") == true, "\(String(describing: error))")
        request.factorSet = try set(water: true)
        let report = try EstimateJob.run(request)
        // NDVI 0.6 everywhere: 120 t/ha, so 2.4 t of AGB in each 0.02 ha class of the left parcel.
        let left = report.rows[0]
        let expected = 2.4 * 1.24 * 0.47 + 2.4 * 1.2 * 0.5 + 2.4 * 0.47
        #expect(abs(left.agbT - 9.6) < 1e-9)
        #expect(abs(left.carbonT - expected) < 1e-9, "\(left.carbonT) vs \(expected)")
        #expect(abs(left.co2eT - expected * 44 / 12) < 1e-9)
        #expect(left.factors.className == "forest+Plantation (teak)+grass+water")
        #expect(abs(left.factors.carbon(agb: left.agbT) - left.carbonT) < 1e-12)
        #expect(left.notes.contains { $0.hasPrefix("factors by class: forest 2.4 t AGB (R 0.24, CF 0.47)") })
        // A class field or a single class with --class-raster is a usage error.
        request.factorClass = "forest"
        #expect(throws: VerdantError.self) { try EstimateJob.run(request) }
    }
}
