/// How a band is resampled onto the analysis grid (GDAL's `-r` methods that make sense for reflectance and classes).
public enum Resampling: String, Hashable, Sendable, CaseIterable, Codable {
    /// Area-weighted mean of the finer cells (the default from a finer band).
    case average
    /// Bilinear interpolation (the default from a coarser band).
    case bilinear
    /// Cubic convolution.
    case cubic
    /// Cubic spline.
    case cubicSpline = "cubicspline"
    /// Lanczos windowed sinc.
    case lanczos
    /// Nearest neighbour (always used for classes and masks).
    case nearest = "near"
    /// The most frequent value.
    case mode

    /// Parses a GDAL method name (`average`, `bilinear`, `cubic`, `cubicspline`, `lanczos`, `near`, `mode`).
    public init(parsing text: String) throws {
        guard let r = Resampling(rawValue: text.lowercased()) else {
            throw VerdantError.invalidParameter(
                .resampling,
                problem: "must be \(Resampling.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(text)')")
        }
        self = r
    }
}
