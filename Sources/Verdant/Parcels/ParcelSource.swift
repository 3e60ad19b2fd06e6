/// Where parcels come from and how to read them.
public struct ParcelSource: Hashable, Sendable {
    /// The vector file (GeoJSON, GeoPackage, Shapefile, FlatGeobuf, anything GDAL reads).
    public var path: String
    /// The layer to read; nil: the only layer (a file with several layers needs one).
    public var layer: String?
    /// The attribute that holds the parcel id; nil: the feature id.
    public var idField: String?
    /// A CRS to assume when the layer has none (e.g. `EPSG:4326`); nil: such a layer is an error.
    public var assumedCRS: String?

    /// A parcel source.
    public init(path: String, layer: String? = nil, idField: String? = nil, assumedCRS: String? = nil) {
        self.path = path
        self.layer = layer
        self.idField = idField
        self.assumedCRS = assumedCRS
    }
}
