import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// A band holding the index itself (`--band ndvi=FILE`, as MODIS MOD13Q1 ships NDVI): taken as the model's index
/// when its reflectance bands are absent, scaled, range-checked and masked as reflectance is.
@Suite struct IndexBandTests {
    static func parcels(_ folder: TemporaryFolder) throws -> String {
        try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:32647",
            features: [
                VectorFixture.Feature(
                    properties: [("id", "\"a\"")],
                    polygons: [[VectorFixture.rect(600_000, 1_599_960, 600_025, 1_600_000)]]),
                VectorFixture.Feature(
                    properties: [("id", "\"b\"")],
                    polygons: [[VectorFixture.rect(600_015, 1_599_965, 600_040, 1_599_990)]])
            ])
    }

    /// Red and NIR of a 4 × 4 scene, and the NDVI they give, as Float64.
    static func scene(_ folder: TemporaryFolder) throws -> (red: String, nir: String, ndvi: [Double]) {
        let red = (0..<16).map { 0.02 + Double($0) * 0.011 }, nir = (0..<16).map { 0.45 - Double($0) * 0.013 }
        let r = try RasterFixture.write(folder.file("red.tif"), width: 4, height: 4, type: .float64, bands: [red])
        let n = try RasterFixture.write(folder.file("nir.tif"), width: 4, height: 4, type: .float64, bands: [nir])
        return (r, n, zip(red, nir).map { NDVI.value(red: $0, nir: $1) })
    }

    @Test func anNDVIBandGivesTheFiguresRedAndNIRGive() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (red, nir, ndvi) = try Self.scene(folder)
        let ndviFile = try RasterFixture.write(
            folder.file("ndvi.tif"), width: 4, height: 4, type: .float64, bands: [ndvi])
        let parcels = ParcelSource(path: try Self.parcels(folder), idField: "id")
        let model = try BiomassModel(parsing: "linear:-30,250")
        let fromBands = try EstimateJob.run(
            EstimateRequest(
                inputs: RasterInputs(
                    bands: [.red: BandSource(path: red, band: .index(1)), .nir: BandSource(path: nir, band: .index(1))],
                    scaling: .identity), parcels: parcels, model: model))
        let fromIndex = try EstimateJob.run(
            EstimateRequest(
                inputs: RasterInputs(bands: [.ndvi: BandSource(path: ndviFile, band: .index(1))], scaling: .identity),
                parcels: parcels, model: model))
        #expect(fromIndex.rows == fromBands.rows)
        #expect(fromIndex.rows.allSatisfy { $0.meanNDVI != nil && $0.greenHa != nil })
    }

    @Test func aScaledIntegerIndexWithFillValues() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // MOD13Q1-like: NDVI × 10000 as Int16, −3000 fill in the first row, no nodata declared.
        var values = (0..<16).map { Double(2000 + $0 * 400) }
        for c in 0..<4 { values[c] = -3000 }
        let file = try RasterFixture.write(folder.file("ndvi.tif"), width: 4, height: 4, type: .int16, bands: [values])
        let parcels = ParcelSource(path: try Self.parcels(folder), idField: "id")
        var inputs = RasterInputs(bands: [.ndvi: BandSource(path: file, band: .index(1))])
        // Integers without a stated scale are refused, naming the index band and the MOD13Q1 scale.
        let refused = #expect(throws: VerdantError.self) {
            try EstimateJob.run(EstimateRequest(inputs: inputs, parcels: parcels))
        }
        #expect(refused?.description.contains("ndvi band") == true)
        #expect(refused?.description.contains("0.0001") == true)
        inputs = RasterInputs(
            bands: [.ndvi: BandSource(path: file, band: .index(1))],
            scaling: ReflectanceScaling(scale: 0.0001, offset: 0))
        let model = try BiomassModel(parsing: "linear:0,100")
        let plain = try EstimateJob.run(EstimateRequest(inputs: inputs, parcels: parcels, model: model))
        var masked = EstimateRequest(
            inputs: inputs, parcels: parcels, model: model, masks: MaskRules(validRange: -0.2...1))
        masked.minObserved = 0
        let ranged = try EstimateJob.run(masked)
        // Parcel a covers the fill row: without the range the fill counts as NDVI −0.3; with it, as no data.
        let a = ranged.rows[0], b = ranged.rows[1]
        #expect(plain.rows[0].meanNDVI! < a.meanNDVI!)
        #expect(a.observedHa < plain.rows[0].observedHa)
        #expect(abs(a.noDataFraction! - 0.25) < 1e-12)  // the fill row is a quarter of parcel a
        // Parcel b lies below the fill row: the range changes nothing there.
        #expect(b == plain.rows[1])
        // Cell values are value × 0.0001; parcel b covers columns 1 (half), 2, 3 of rows 1, 2, 3 (half).
        var sum = 0.0, weights = 0.0
        for (r, rw) in [(1, 1.0), (2, 1), (3, 0.5)] {
            for (c, cw) in [(1, 0.5), (2, 1.0), (3, 1)] {
                sum += rw * cw * (2000 + Double(r * 4 + c) * 400) * 0.0001
                weights += rw * cw
            }
        }
        #expect(abs(b.meanNDVI! - sum / weights) < 1e-12, "\(b.meanNDVI!) vs \(sum / weights)")
    }

    @Test func bothGivenTheIndexIsComputedFromReflectance() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (red, nir, ndvi) = try Self.scene(folder)
        let wrong = try RasterFixture.write(
            folder.file("ndvi.tif"), width: 4, height: 4, type: .float64, bands: [ndvi.map { $0 / 2 }])
        let parcels = ParcelSource(path: try Self.parcels(folder), idField: "id")
        let bands: [BandRole: BandSource] = [
            .red: BandSource(path: red, band: .index(1)), .nir: BandSource(path: nir, band: .index(1))
        ]
        var withIndex = bands
        withIndex[.ndvi] = BandSource(path: wrong, band: .index(1))
        let a = try EstimateJob.run(
            EstimateRequest(inputs: RasterInputs(bands: bands, scaling: .identity), parcels: parcels))
        let b = try EstimateJob.run(
            EstimateRequest(inputs: RasterInputs(bands: withIndex, scaling: .identity), parcels: parcels))
        #expect(a.rows.map(\.meanNDVI) == b.rows.map(\.meanNDVI))
    }
}
