import Foundation
import Testing
@testable import VerdantCore

@Suite struct FactorSetTests {
    @Test func workedExamples() throws {
        // CO2e = C × 44/12.
        #expect(CarbonFactors.co2e(carbon: 12) == 44)
        // Mokany et al. (2006): R = e^(−1.085 + 0.9256 ln b) / b.
        #expect(abs(FactorSet.mokanyRootShoot(agbPerHa: 50) - exp(-1.085 + 0.9256 * log(50.0)) / 50) < 1e-15)
        #expect(abs(FactorSet.mokanyRootShoot(agbPerHa: 50) - 0.2526) < 5e-5)
        #expect(abs(FactorSet.mokanyRootShoot(agbPerHa: 200) - 0.2278) < 5e-5)
    }
}
