import GDALKit

/// One parcel: its id, attributes, geometry on the analysis grid's CRS, and what was done to it on the way.
public struct Parcel: Hashable, Sendable {
    /// The parcel id (the id field's value, or the feature id).
    public var id: String
    /// The attribute values of its (first) feature, in the layer's field order.
    public var attributes: [FieldValue]
    /// The polygons in the raster's CRS: densified and transformed (`ParcelLoader.load`), or only their vertices
    /// transformed (the outline kept by `PreparedParcels`, whose coverage was measured on the densified polygons).
    public var geometry: MultiPolygon
    /// The geometry in the parcels' own CRS (ISO WKB), for outputs.
    public var sourceWKB: [UInt8]
    /// How many features make up the parcel.
    public var featureCount: Int
    /// Notes on the parcel: repaired or empty geometry, parts left out, features merged.
    public var notes: [String]
    /// True when the parcel could not be processed (its row is kept, flagged).
    public var failed: Bool { notes.contains { $0.hasPrefix("failed:") } }

    /// A parcel.
    public init(
        id: String, attributes: [FieldValue], geometry: MultiPolygon, sourceWKB: [UInt8],
        featureCount: Int = 1, notes: [String] = []
    ) {
        self.id = id
        self.attributes = attributes
        self.geometry = geometry
        self.sourceWKB = sourceWKB
        self.featureCount = featureCount
        self.notes = notes
    }
}
