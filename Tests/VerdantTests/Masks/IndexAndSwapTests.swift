import Foundation
import Testing
import TestSupport
import Verdant

@Suite struct IndexAndSwapTests {
    @Test func formulas() throws {
        let b = 0.05, g = 0.08, r = 0.1, e = 0.2, n = 0.5
        #expect(SpectralIndex.ndvi.value(red: r, nir: n) == (n - r) / (n + r))
        #expect(SpectralIndex.evi.value(blue: b, red: r, nir: n) == 2.5 * (n - r) / (n + 6 * r - 7.5 * b + 1))
        #expect(SpectralIndex.savi(l: 0.5).value(red: r, nir: n) == 1.5 * (n - r) / (n + r + 0.5))
        #expect(SpectralIndex.msavi2.value(red: r, nir: n) == (2 * n + 1 - ((2 * n + 1) * (2 * n + 1) - 8 * (n - r)).squareRoot()) / 2)
        #expect(SpectralIndex.ndre.value(redEdge: e, nir: n) == (n - e) / (n + e))
        #expect(SpectralIndex.gndvi.value(green: g, nir: n) == (n - g) / (n + g))
        #expect(SpectralIndex.ndre.value(redEdge: 0, nir: 0).isNaN)
        #expect(SpectralIndex.evi.value(blue: .nan, red: r, nir: n).isNaN)
        #expect(try SpectralIndex(parsing: "SAVI", saviL: 0.25) == .savi(l: 0.25))
        #expect(throws: VerdantError.self) { try SpectralIndex(parsing: "ndwi") }
        for index in SpectralIndex.all { #expect(!index.source.isEmpty && !index.formula.isEmpty) }
    }

    @Test func indexNeedingAMissingBandIsAClearError() throws {
        let inputs = RasterInputs.stacked(path: ProjectRoot.sample("sentinel2_l2a_stack.tif"), red: .index(3), nir: .index(4), scaling: .identity)
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
        let s = try MapJob.run(MapRequest(inputs: inputs, model: BiomassModel.example.taking(.evi), indexOutput: folder.file("evi.tif")))
        #expect(s.index == "evi" && s.meanIndex! > 0.2 && s.meanIndex! < 1)
        #expect(s.meanNDVI! > s.meanIndex!)
        #expect(FileManager.default.fileExists(atPath: folder.file("evi.tif")))
    }

    @Test func aLikelyBandSwapIsWarnedAbout() throws {
        let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
        let right = try MapJob.run(MapRequest(inputs: .stacked(path: stack, red: .description("B04"), nir: .description("B08"),
                                                               scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1))))
        #expect(!right.warnings.contains { $0.contains("may be swapped") })
        let swapped = try MapJob.run(MapRequest(inputs: .stacked(path: stack, red: .description("B08"), nir: .description("B04"),
                                                                 scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1))))
        #expect(swapped.warnings.contains { $0.contains("may be swapped") })
    }
}
