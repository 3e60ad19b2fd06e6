import Testing
import VerdantCore

@Suite struct NDVITests {
    @Test func knownValues() {
        #expect(NDVI.value(red: 0.125, nir: 0.5) == 0.6)
        #expect(NDVI.value(red: 0.2, nir: 0.2) == 0)
        #expect(NDVI.value(red: 0.375, nir: 0.125) == -0.5)
    }

    @Test func undefinedIsNaNNeverZero() {
        #expect(NDVI.value(red: 0, nir: 0).isNaN)
        #expect(NDVI.value(red: 0.1, nir: -0.1).isNaN)
        #expect(NDVI.value(red: .nan, nir: 0.3).isNaN)
        #expect(NDVI.value(red: 0.3, nir: .nan).isNaN)
    }

    @Test func buffers() {
        let red: [Double] = [0.125, 0, .nan], nir: [Double] = [0.375, 0, 0.25]
        var out = [Double](repeating: 7, count: 3)
        NDVI.compute(red: red, nir: nir, into: &out)
        #expect(out[0] == 0.5 && out[1].isNaN && out[2].isNaN)
    }
}
