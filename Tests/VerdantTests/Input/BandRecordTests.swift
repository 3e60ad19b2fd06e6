import Foundation
import GDALKit
import Testing

@testable import Verdant

@Suite struct BandRecordTests {
    static func band(noData: Double?) -> ResolvedBand {
        ResolvedBand(
            role: .nir, source: "a.tif", fileCount: 2, path: "/vsimem/x/nir.vrt", index: 1, sourceIndex: 4,
            bandDescription: "B08", dataType: .uInt16, noData: noData, gdalScale: 0.5, gdalOffset: 3,
            hasExplicitMask: false, resampling: .bilinear)
    }

    @Test func aRecordShowsTheUsersFileAndBandNotTheVirtualRaster() {
        let r = BandRecord(Self.band(noData: 0))
        #expect(r.role == "nir" && r.path == "a.tif" && r.band == 4 && r.files == 2)
        #expect(r.description == "B08" && r.dataType == DataType.uInt16.rawValue)
        #expect(r.nodata == "0.0" && r.resampling == "bilinear" && r.gdalScale == 0.5 && r.gdalOffset == 3)
        #expect(BandRecord(Self.band(noData: .nan)).nodata == "nan", "NaN as text: JSON has no NaN")
        #expect(BandRecord(Self.band(noData: nil)).nodata == nil)
    }

    @Test func jsonKeysAreSnakeCase() throws {
        let data = try JSONEncoder().encode(BandRecord(Self.band(noData: 0)))
        let keys = Set((try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]).keys)
        #expect(
            keys == [
                "role", "path", "band", "description", "data_type", "nodata", "resampling", "files", "gdal_scale",
                "gdal_offset"
            ])
    }
}
