import Foundation
import GDALKit
import Testing
import TestSupport

@Suite struct BandUnitsTests {
    @Test func unitDescriptionAndMetadataOfABandSurviveAGeoTIFF() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("b.tif")
        let ds = try Driver(named: "GTiff").create(path: path, width: 4, height: 3, bandCount: 2, dataType: .float32)
        try ds.band(1).setUnitType("t/ha")
        try ds.band(1).setBandDescription("AGB")
        try ds.band(2).setMetadataItem("STATISTICS_NOTE", "second")
        try ds.setMetadataItem("VERDANT_VERSION", "9.9")
        try ds.close()

        let back = try Dataset.open(path)
        #expect(try back.band(1).unitType == "t/ha")
        #expect(try back.band(1).bandDescription == "AGB")
        #expect(try back.band(2).unitType == "")
        #expect(try back.band(2).metadataItem("STATISTICS_NOTE") == "second")
        #expect(try back.band(1).metadataItem("STATISTICS_NOTE") == nil)
        #expect(back.metadataItem("VERDANT_VERSION") == "9.9")
    }
}
