import Foundation
import Testing
import TestSupport
import Verdant

@Suite struct ParcelFiguresTests {
    @Test func gapFillingAndTheLowObservedFlag() throws {
        var setup = SensorSetup(preset: try PresetCatalog.builtIn().preset(named: "sentinel2-l2a"))
        setup.rasters = [ProjectRoot.sample("sentinel2_l2a_stack.tif")]
        setup.assignments = [try BandAssignment(parsing: "scl=\(ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif"))")]
        let (inputs, masks) = try setup.resolve(needing: [.red, .nir])
        let report = try EstimateJob.run(
            EstimateRequest(
                inputs: inputs,
                parcels: ParcelSource(path: ProjectRoot.sample("sentinel2_parcels.geojson"), idField: "parcel_id"),
                model: try BiomassModel(parsing: "linear:-30,250"), masks: masks, minObserved: 0.6))
        let p05 = report.rows.first { $0.parcelID == "P05" }!
        #expect(p05.cloudFraction! > 0.5 && p05.lowObserved)
        #expect(abs(p05.agbTFilled! - p05.agbTPerHa! * p05.parcelHa) < 1e-9)
        #expect(abs(p05.co2eTFilled! - p05.agbTFilled! * 0.47 * 44 / 12) < 1e-6)
        #expect(abs(p05.unobservedFraction! - (p05.cloudFraction! + p05.noDataFraction! + p05.maskedFraction!)) < 1e-12)
        let p01 = report.rows.first { $0.parcelID == "P01" }!
        #expect(!p01.lowObserved && abs(p01.agbTFilled! - p01.agbT) < 1e-9)
        let p08 = report.rows.first { $0.parcelID == "P08" }!
        #expect(abs(p08.noDataFraction! - 0.375) < 1e-6, "the part outside the raster counts as no data")
        #expect(report.totals.lowObservedParcels == 1)
    }
}
