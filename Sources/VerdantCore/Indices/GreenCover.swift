/// Green cover: a cell is green where the model's index is at least a threshold, and a parcel's green area is the
/// coverage-weighted area of its observed green cells.
///
/// The default threshold is 0.4 for NDVI, after NASA Earth Observatory (Weier & Herring 2000, "Measuring
/// Vegetation (NDVI & EVI)"): low positive NDVI values, about 0.2 to 0.4, are shrub and grassland, higher values
/// denser green vegetation, so NDVI ≥ 0.4 lies above the shrub and grassland range. Other indices have no default:
/// their green figures are empty unless a threshold is given.
public enum GreenCover {
    /// The default threshold for NDVI.
    public static let ndviThreshold = 0.4

    /// Where the default NDVI threshold comes from.
    public static let source =
        "Weier, J. & Herring, D. (2000). Measuring Vegetation (NDVI & EVI). NASA Earth Observatory: low positive NDVI values (about 0.2 to 0.4) are shrub and grassland, higher values denser green vegetation, so NDVI ≥ 0.4 is above the shrub and grassland range."

    /// The default threshold of `index`: 0.4 for NDVI, none (nil) for every other index.
    public static func defaultThreshold(for index: SpectralIndex) -> Double? {
        index == .ndvi ? ndviThreshold : nil
    }

    /// The threshold a run uses: `given` when there is one, else the index's default; nil when neither exists.
    /// A given threshold must be finite.
    public static func threshold(_ given: Double?, for index: SpectralIndex) throws -> Double? {
        guard let given else { return defaultThreshold(for: index) }
        guard given.isFinite else {
            throw VerdantError.invalidParameter(.greenThreshold, problem: "must be a finite number (got \(given))")
        }
        return given
    }

    /// Where a run's threshold comes from: `source` for the default, a sentence naming the parameter when it was
    /// given, nil when there is no threshold.
    public static func sourceText(given: Double?, threshold: Double?) -> String? {
        guard threshold != nil else { return nil }
        return given == nil ? source : String(naming: "given (\(param: .greenThreshold))")
    }

    /// True when a cell whose index is `value` is green under `threshold` (`value ≥ threshold`; an undefined
    /// value, NaN, is never green).
    @inlinable
    public static func isGreen(_ value: Double, threshold: Double) -> Bool { value >= threshold }
}
