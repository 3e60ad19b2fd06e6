import GDALKit

/// The parcels of one run, with the layer facts the outputs need.
public struct ParcelLayer: Hashable, Sendable {
    /// The file read.
    public var path: String
    /// The layer read.
    public var layerName: String
    /// The attribute columns (the id field included), in layer order.
    public var fields: [FieldDefinition]
    /// The name of the id field, nil when ids are feature ids.
    public var idField: String?
    /// The parcels' own CRS as WKT (outputs are written in it).
    public var crsWKT: String
    /// The parcels' own CRS name.
    public var crsName: String
    /// Features read.
    public var featureCount: Int
    /// The parcels, in the order of their first feature.
    public var parcels: [Parcel]
    /// Warnings about the layer (ids chosen, features that are not polygons, a CRS option not used).
    public var warnings: [String] = []
}
