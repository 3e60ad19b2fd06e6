import Foundation
// TEMPORARY: replaced by the coverage helper's Ellipsoid.swift.
public struct Ellipsoid: Hashable, Sendable {
    public var semiMajorAxis: Double
    public var inverseFlattening: Double
    public init(semiMajorAxis: Double, inverseFlattening: Double) { self.semiMajorAxis = semiMajorAxis; self.inverseFlattening = inverseFlattening }
    public static let wgs84 = Ellipsoid(semiMajorAxis: 6378137, inverseFlattening: 298.257223563)
    public func cellRowArea(southLatitude: Double, northLatitude: Double, longitudeSpan: Double) -> Double {
        let f = inverseFlattening == 0 ? 0 : 1 / inverseFlattening
        let a = semiMajorAxis, b = a * (1 - f), e2 = f * (2 - f), e = e2.squareRoot()
        func q(_ deg: Double) -> Double {
            let s = sin(deg * .pi / 180)
            if e == 0 { return 2 * s }
            return (1 - e2) * (s / (1 - e2 * s * s) - (1 / (2 * e)) * log((1 - e * s) / (1 + e * s)))
        }
        _ = b
        return a * a / 2 * (longitudeSpan * .pi / 180) * (q(northLatitude) - q(southLatitude))
    }
}
