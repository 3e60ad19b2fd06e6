import Testing
import TestSupport
import Verdant

@Suite struct PreparedParcelsTests {
    @Test func coverageIsComputedOnceAndReusedOnTheSameGrid() throws {
        let stack = EstimateJobTests.request()
        let prepared = try EstimateJob.prepare(stack)
        #expect(prepared.layer.parcels.count == 9)
        // The same grid from separate band files: the prepared coverage serves both.
        var separate = stack
        separate.inputs = try RasterInputs(
            assignments: [
                BandAssignment(parsing: "red=\(ProjectRoot.sample("sentinel2_l2a_B04.tif"))"),
                BandAssignment(parsing: "nir=\(ProjectRoot.sample("sentinel2_l2a_B08.tif"))")
            ], scaling: stack.inputs.scaling)
        let a = try EstimateJob.run(stack, reusing: prepared)
        let b = try EstimateJob.run(separate, reusing: prepared)
        let fresh = try EstimateJob.run(stack)
        #expect(a.rows == fresh.rows)
        #expect(b.rows.map(\.observedHa) == fresh.rows.map(\.observedHa))
        #expect(b.rows.map(\.agbT) == fresh.rows.map(\.agbT))
    }

    @Test func anotherGridIsRefused() throws {
        let prepared = try EstimateJob.prepare(EstimateJobTests.request())
        var drone = EstimateJobTests.request()
        drone.inputs = .stacked(
            path: ProjectRoot.sample("drone_multispectral.tif"), red: .index(3), nir: .index(5), scaling: .identity)
        #expect(throws: VerdantError.self) { try EstimateJob.run(drone, reusing: prepared) }
    }
}
