import Foundation
import Testing
import TestSupport
import Verdant

@Suite struct BandSwapCheckTests {
    @Test func aLikelyBandSwapIsWarnedAbout() throws {
        let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
        let right = try MapJob.run(
            MapRequest(
                inputs: .stacked(
                    path: stack, red: .description("B04"), nir: .description("B08"),
                    scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1))))
        #expect(!right.warnings.contains { $0.contains("may be swapped") })
        let swapped = try MapJob.run(
            MapRequest(
                inputs: .stacked(
                    path: stack, red: .description("B08"), nir: .description("B04"),
                    scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1))))
        #expect(swapped.warnings.contains { $0.contains("may be swapped") })
    }
}
