import Foundation
import Testing

@testable import Verdant

@Suite struct ReflectanceScalingTests {
    @Test func theDefaultIsTheIdentity() {
        #expect(ReflectanceScaling() == .identity)
        #expect(ReflectanceScaling.identity.scale == 1 && ReflectanceScaling.identity.offset == 0)
        #expect(ReflectanceScaling(offset: -0.1) == ReflectanceScaling(scale: 1, offset: -0.1))
    }

    @Test func scalingAndItsOriginRoundTripThroughJSON() throws {
        let scaling = ReflectanceScaling(scale: 0.0001, offset: -0.1)
        let data = try JSONEncoder().encode(scaling)
        #expect(try JSONDecoder().decode(ReflectanceScaling.self, from: data) == scaling)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Double]
        #expect(object == ["scale": 0.0001, "offset": -0.1])
        for origin in [ScalingOrigin.unstated, .user, .preset] {
            #expect(try JSONDecoder().decode(ScalingOrigin.self, from: try JSONEncoder().encode(origin)) == origin)
        }
        #expect(ScalingOrigin.preset.rawValue == "preset" && ScalingOrigin.unstated.rawValue == "unstated")
    }

    @Test func everyOriginIsDescribedInItsOwnWords() {
        let words = [ScalingOrigin.unstated, .user, .preset].map(\.description)
        #expect(Set(words).count == 3)
        #expect(ScalingOrigin.user.description == "scaling given by the user")
        #expect(ScalingOrigin.preset.description == "scaling of the sensor preset")
    }
}
