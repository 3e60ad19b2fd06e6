import Foundation
import Testing
import TestSupport
import Verdant

@Suite struct MapJobIndexTests {

    @Test func indexNeedingAMissingBandIsAClearError() throws {
        let inputs = RasterInputs.stacked(
            path: ProjectRoot.sample("sentinel2_l2a_stack.tif"), red: .index(3), nir: .index(4), scaling: .identity)
        do {
            _ = try MapJob.run(MapRequest(inputs: inputs, model: BiomassModel.example.taking(.ndre)))
            Issue.record("NDRE without a red-edge band was accepted")
        } catch let e as VerdantError {
            #expect(e.description.contains("rededge") && e.description.contains("ndre"))
        }
    }

    @Test func eviOnTheDroneMosaic() throws {
        let path = ProjectRoot.sample("drone_multispectral.tif")
        var inputs = RasterInputs.stacked(path: path, red: .index(3), nir: .index(5), scaling: .identity)
        inputs.bands[.blue] = BandSource(path: path, band: .index(1))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let s = try MapJob.run(
            MapRequest(inputs: inputs, model: BiomassModel.example.taking(.evi), indexOutput: folder.file("evi.tif")))
        #expect(s.index == "evi" && s.meanIndex! > 0.2 && s.meanIndex! < 1)
        #expect(s.meanNDVI! > s.meanIndex!)
        #expect(FileManager.default.fileExists(atPath: folder.file("evi.tif")))
    }
}
