import Foundation

/// The provenance written into a COG's GeoTIFF metadata (`GDAL_METADATA`, shown by `gdalinfo` and in QGIS's layer
/// properties): the Verdant and GDAL versions, the command, the model and factors, and the inputs' SHA-256 digests.
public enum COGProvenance {
    /// The metadata items: `VERDANT_VERSION`, `GDAL_VERSION`, `VERDANT_COMMAND`, `MODEL`, `MODEL_FORMULA`,
    /// `MODEL_SOURCE`, `CARBON_FACTORS` when given, and `INPUT_SHA256` (one `digest  path` line per input, as
    /// `sha256sum` prints them) when `checksums` is not empty.
    public static func items(
        command: String, model: BiomassModel? = nil, factors: CarbonFactors? = nil, checksums: [String: String] = [:]
    ) -> [String: String] {
        var items = [
            "VERDANT_VERSION": VerdantVersion.verdant, "GDAL_VERSION": VerdantVersion.gdal, "VERDANT_COMMAND": command
        ]
        if let model {
            items["MODEL"] = model.expression
            items["MODEL_FORMULA"] = model.formula
            items["MODEL_SOURCE"] = model.source
        }
        if let factors {
            items["CARBON_FACTORS"] =
                "carbon fraction \(factors.carbonFraction), root:shoot \(factors.rootShoot) (\(factors.source))"
        }
        if !checksums.isEmpty {
            items["INPUT_SHA256"] = checksums.sorted { $0.key < $1.key }.map { "\($0.value)  \($0.key)" }
                .joined(separator: "\n")
        }
        return items
    }
}
