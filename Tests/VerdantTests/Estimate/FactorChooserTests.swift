import Foundation
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

@Suite struct FactorChooserTests {
    @Test func classFieldSelectsFactorsPerParcel() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let raster = try EstimateJobTests.tinyRaster(folder)
        let x0 = 600_000.0, y0 = 1_600_000.0
        let parcels = try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:32647",
            features: [
                .init(
                    properties: [("id", "\"A\""), ("forest_type", "\"mangrove-rhizophora\"")],
                    polygons: [[VectorFixture.rect(x0, y0 - 50, x0 + 50, y0)]]),
                .init(
                    properties: [("id", "\"B\""), ("forest_type", "\"palms\"")],
                    polygons: [[VectorFixture.rect(x0 + 50, y0 - 50, x0 + 100, y0)]])
            ])
        var request = EstimateRequest(
            inputs: .stacked(path: raster, red: .index(1), nir: .index(2), scaling: .identity),
            parcels: ParcelSource(path: parcels, idField: "id"), model: try BiomassModel(parsing: "linear:0,100"))
        request.factorSet = try FactorCatalog.load("tver")
        request.classField = "forest_type"
        let rows = try EstimateJob.run(request).rows
        #expect(rows[0].factors.className == "mangrove-rhizophora" && rows[0].carbonT == rows[0].agbT * 1.48 * 0.4715)
        #expect(rows[1].factors.className == "palms" && rows[1].carbonT == rows[1].agbT * 1.41 * 0.413)
        // An unknown class is an error naming the parcel, not a silent default.
        let other = try VectorFixture.geojson(
            folder.file("q.geojson"), crs: "EPSG:32647",
            features: [
                .init(
                    properties: [("id", "\"C\""), ("forest_type", "\"bamboo\"")],
                    polygons: [[VectorFixture.rect(x0, y0 - 50, x0 + 50, y0)]])
            ])
        request.parcels = ParcelSource(path: other, idField: "id")
        do {
            _ = try EstimateJob.run(request)
            Issue.record("an unknown class was accepted")
        } catch let e as VerdantError {
            #expect(
                e.description.contains("parcel C") && e.description.contains("'bamboo'")
                    && e.description.contains("palms"))
        }
        request.classField = "kind"
        #expect(throws: VerdantError.self) { try EstimateJob.run(request) }
    }
}
