import Testing

@testable import Verdant

@Suite struct RasterInputsTests {
    @Test func stackedTakesRedAndNIRFromOneFileAndAGivenScalingIsTheUsers() {
        let scaling = ReflectanceScaling(scale: 0.0001, offset: -0.1)
        let inputs = RasterInputs.stacked(path: "s.tif", red: .index(3), nir: .description("B08"), scaling: scaling)
        #expect(inputs.bands.count == 2)
        #expect(inputs.bands[.red] == BandSource(path: "s.tif", band: .index(3)))
        #expect(inputs.bands[.nir] == BandSource(path: "s.tif", band: .description("B08")))
        #expect(inputs.scaling == scaling && inputs.scalingOrigin == .user)
        #expect(
            inputs.gridRole == nil && inputs.resolution == nil && inputs.resampling == nil && inputs.assumedCRS == nil)
        let unstated = RasterInputs.stacked(path: "s.tif", red: .index(1), nir: .index(2))
        #expect(unstated.scaling == .identity && unstated.scalingOrigin == .unstated)
        let identity = RasterInputs.stacked(path: "s.tif", red: .index(1), nir: .index(2), scaling: .identity)
        #expect(identity.scalingOrigin == .user, "an identity scaling given is stated")
    }

    @Test func aRoleGivenTwiceIsAMosaicOfTheSameBandOfEachFile() throws {
        let inputs = try RasterInputs(assignments: [
            try BandAssignment(parsing: "red=a.tif:1"),
            try BandAssignment(parsing: "nir=c.tif:2"),
            try BandAssignment(parsing: "red=b.tif:1")
        ])
        #expect(inputs.bands[.red] == BandSource(paths: ["a.tif", "b.tif"], band: .index(1)))
        #expect(inputs.bands[.nir] == BandSource(paths: ["c.tif"], band: .index(2)))
        #expect(inputs.scalingOrigin == .unstated)
        #expect(throws: VerdantError.self) {
            try RasterInputs(assignments: [
                try BandAssignment(parsing: "red=a.tif:1"), try BandAssignment(parsing: "red=b.tif:2")
            ])
        }
    }

    @Test func requireNamesEveryMissingRole() throws {
        let inputs = RasterInputs.stacked(path: "s.tif", red: .index(1), nir: .index(2))
        try inputs.require([.red, .nir])
        do {
            try inputs.require([.red, .swir1, .blue], for: "EVI")
            Issue.record("missing bands were accepted")
        } catch let e as VerdantError {
            #expect(e.exitCode == 1)
            #expect(e.description.contains("EVI") && e.description.contains("swir1, blue"))
        }
    }
}
