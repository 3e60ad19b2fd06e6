/// A point in a grid's coordinate reference system: x east (or longitude), y north (or latitude).
public struct Coordinate: Hashable, Sendable {
    /// The easting, or the longitude in degrees.
    public var x: Double
    /// The northing, or the latitude in degrees.
    public var y: Double

    /// Creates a coordinate from its easting and northing.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// True when both components are finite (neither NaN nor infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite }
}
