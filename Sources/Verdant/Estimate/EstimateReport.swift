import GDALKit

/// The result of `verdant estimate`: a row per parcel, totals, and how the run was made.
public struct EstimateReport: Hashable, Sendable {
    /// The sentence every output carries.
    public static let disclaimer =
        "Estimates from remote sensing for carbon-project work, not issued or verified carbon credits."

    /// One row per parcel, in the order of the parcels' first features.
    public var rows: [ParcelFigures]
    /// Sums over all parcels.
    public var totals: EstimateTotals
    /// Inputs, parameters and versions.
    public var metadata: RunMetadata
    /// The parcels' attribute columns (the id field left out when it is the parcel id).
    public var attributeFields: [FieldDefinition]
    /// Which of the layer's attributes each attribute column comes from.
    public var attributeIndices: [Int]
    /// The parcels, for writing their geometry in their own CRS.
    public var parcels: ParcelLayer
    /// The scene's NDVI picture, when the request asked for one (`ndviPictureSize`).
    public var ndviPicture: NDVIPicture?
    /// The land-cover classes found under the parcels (a column each, `class_<name>_ha`), when the run has a class
    /// band.
    public var classColumns: [ClassColumn] = []

    /// The layer description of vector outputs (GeoJSON `description`, GeoPackage layer description): the
    /// disclaimer, then the run's warnings, so that they travel with the table.
    public var layerDescription: String {
        metadata.warnings.isEmpty
            ? EstimateReport.disclaimer
            : EstimateReport.disclaimer + " Warnings: " + metadata.warnings.joined(separator: "; ")
    }

    /// What makes the result partial (exit code 3): parcels that failed (not polygons, not transformable) or lie
    /// wholly outside the raster. Empty for a complete result.
    public var problems: [String] {
        var out: [String] = []
        let failed = rows.filter(\.failed).map(\.parcelID)
        if !failed.isEmpty {
            out.append("\(failed.count) parcel(s) failed: \(failed.prefix(10).joined(separator: ", "))")
        }
        let outside = rows.filter(\.outsideRaster).map(\.parcelID)
        if !outside.isEmpty {
            out.append(
                "\(outside.count) parcel(s) lie wholly outside the raster: \(outside.prefix(10).joined(separator: ", "))"
            )
        }
        return out
    }
}
