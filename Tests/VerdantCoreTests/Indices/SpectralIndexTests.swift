import Testing
@testable import VerdantCore

@Suite struct SpectralIndexTests {
    @Test func formulas() throws {
        let b = 0.05, g = 0.08, r = 0.1, e = 0.2, n = 0.5
        #expect(SpectralIndex.ndvi.value(red: r, nir: n) == (n - r) / (n + r))
        #expect(SpectralIndex.evi.value(blue: b, red: r, nir: n) == 2.5 * (n - r) / (n + 6 * r - 7.5 * b + 1))
        #expect(SpectralIndex.savi(l: 0.5).value(red: r, nir: n) == 1.5 * (n - r) / (n + r + 0.5))
        #expect(
            SpectralIndex.msavi2.value(red: r, nir: n)
                == (2 * n + 1 - ((2 * n + 1) * (2 * n + 1) - 8 * (n - r)).squareRoot()) / 2)
        #expect(SpectralIndex.ndre.value(redEdge: e, nir: n) == (n - e) / (n + e))
        #expect(SpectralIndex.gndvi.value(green: g, nir: n) == (n - g) / (n + g))
        #expect(SpectralIndex.ndre.value(redEdge: 0, nir: 0).isNaN)
        #expect(SpectralIndex.evi.value(blue: .nan, red: r, nir: n).isNaN)
        #expect(try SpectralIndex(parsing: "SAVI", saviL: 0.25) == .savi(l: 0.25))
        #expect(throws: VerdantError.self) { try SpectralIndex(parsing: "ndwi") }
        for index in SpectralIndex.all { #expect(!index.source.isEmpty && !index.formula.isEmpty) }
    }
}
