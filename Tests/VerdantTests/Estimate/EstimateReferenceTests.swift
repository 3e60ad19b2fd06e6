import Foundation
import Testing
import TestSupport
import Verdant

/// Per-parcel figures against numbers made once with rasterio + numpy + exactextract
/// (Tests/Fixtures/reference/make_estimate_reference.py): agreement to 1e-6 relative.
@Suite struct EstimateReferenceTests {
    struct Reference: Decodable {
        struct Row: Decodable {
            var parcel_id: String
            var parcel_ha: Double
            var covered_ha: Double
            var observed_ha: Double
            var mean_ndvi: Double?
            var agb_t: Double
            var cloud_fraction: Double?
            var nodata_fraction: Double?
        }
        var raster: String
        var parcels: String
        var red: Int
        var nir: Int
        var scale: Double
        var offset: Double
        var model: String
        var id_field: String
        var scl: String?
        var scl_exclude: [Int]?
        var parcels_figures: [Row]
    }

    static func load(_ name: String) throws -> Reference {
        let path = ProjectRoot.path + "/Tests/Fixtures/reference/estimate_\(name).json"
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
        abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-9)
    }

    static func check(_ name: String) throws {
        let ref = try load(name)
        let root = ProjectRoot.path + "/"
        var inputs = RasterInputs.stacked(
            path: root + ref.raster, red: .index(ref.red), nir: .index(ref.nir),
            scaling: ReflectanceScaling(scale: ref.scale, offset: ref.offset))
        var masks = MaskRules()
        if let scl = ref.scl {
            inputs.bands[.scl] = BandSource(path: root + scl, band: .index(1))
            masks.sclExclude = Set(ref.scl_exclude ?? [])
        }
        let request = EstimateRequest(
            inputs: inputs, parcels: ParcelSource(path: root + ref.parcels, idField: ref.id_field),
            model: try BiomassModel(parsing: ref.model), masks: masks)
        let report = try EstimateJob.run(request)
        #expect(report.rows.map(\.parcelID) == ref.parcels_figures.map(\.parcel_id))
        for (row, expected) in zip(report.rows, ref.parcels_figures) {
            #expect(
                close(row.parcelHa, expected.parcel_ha),
                "\(name) \(row.parcelID) parcel_ha \(row.parcelHa) vs \(expected.parcel_ha)")
            #expect(close(row.coveredHa, expected.covered_ha), "\(name) \(row.parcelID) covered_ha")
            #expect(
                close(row.observedHa, expected.observed_ha),
                "\(name) \(row.parcelID) observed_ha \(row.observedHa) vs \(expected.observed_ha)")
            #expect(close(row.agbT, expected.agb_t), "\(name) \(row.parcelID) agb_t \(row.agbT) vs \(expected.agb_t)")
            if let c = expected.cloud_fraction {
                #expect(abs(row.cloudFraction! - c) < 1e-6, "\(name) \(row.parcelID) cloud_fraction")
            }
            if let n = expected.nodata_fraction {
                #expect(abs(row.noDataFraction! - n) < 1e-6, "\(name) \(row.parcelID) nodata_fraction")
            }
            switch (row.meanNDVI, expected.mean_ndvi) {
            case (let a?, let b?): #expect(close(a, b), "\(name) \(row.parcelID) mean_ndvi \(a) vs \(b)")
            case (nil, nil): break
            default:
                Issue.record(
                    "\(name) \(row.parcelID): mean_ndvi \(String(describing: row.meanNDVI)) vs \(String(describing: expected.mean_ndvi))"
                )
            }
        }
    }

    @Test func sampleSentinel2ParcelsInLonLatOnUTM() throws { try Self.check("sample_sentinel2") }

    @Test func sampleDroneWithAlphaAndGDALScale() throws { try Self.check("sample_drone") }

    @Test(.enabled(if: RealData.isPresent, "../shared/real-data/ is absent"))
    func realLandsat5LonLatParcelsOnUTMSouth() throws { try Self.check("landsat5") }

    @Test(.enabled(if: RealData.isPresent, "../shared/real-data/ is absent"))
    func realSentinel2LonLatParcelsOnLonLatGrid() throws { try Self.check("sentinel2_lonlat") }

    @Test(.enabled(if: RealData.isPresent, "../shared/real-data/ is absent"))
    func realSentinel2WithTheL2AOffsetRemoved() throws { try Self.check("sentinel2_lonlat_offset") }

    @Test func sampleSentinel2WithSCLAt20mOn10m() throws { try Self.check("sample_sentinel2_scl") }
}
