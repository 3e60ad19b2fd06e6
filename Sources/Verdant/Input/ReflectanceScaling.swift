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

/// Where a run's reflectance conversion comes from; recorded in the outputs.
public enum ScalingOrigin: String, Hashable, Sendable, Codable {
    /// Nobody said: the values are used as they are, which is only allowed for floating-point bands or bands whose
    /// GDAL metadata carries a scale or offset.
    case unstated
    /// The user gave it (`--scale`/`--offset`, or `scaling:` in the API), possibly `--scale 1` for values as they are.
    case user
    /// A sensor preset gave it.
    case preset

    /// In words, for reports.
    public var description: String {
        switch self {
        case .unstated: "values as stored, with GDAL's own scale and offset where the file has them"
        case .user: "scaling given by the user"
        case .preset: "scaling of the sensor preset"
        }
    }
}
