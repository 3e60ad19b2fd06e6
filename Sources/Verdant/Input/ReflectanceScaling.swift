/// The user's reflectance conversion, applied after GDAL's own scale/offset: reflectance = value × scale + offset.
public struct ReflectanceScaling: Hashable, Sendable, Codable {
    /// Multiplier (Sentinel-2 L2A: 0.0001).
    public var scale: Double
    /// Addend (Sentinel-2 L2A from baseline 04.00: −0.1).
    public var offset: Double

    /// A conversion; the default leaves values unchanged.
    public init(scale: Double = 1, offset: Double = 0) {
        self.scale = scale
        self.offset = offset
    }

    /// No conversion.
    public static let identity = ReflectanceScaling()
}
