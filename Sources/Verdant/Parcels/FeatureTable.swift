import Foundation
import GDALKit

/// A vector layer's features as read, before their geometry is repaired and projected: what the parcel loader
/// takes from OGR or from the GeoJSON reader.
struct FeatureTable {
    /// The layer's name.
    var layerName: String
    /// The attribute columns, in layer order.
    var fields: [FieldDefinition]
    /// The layer's CRS, nil when it has none.
    var crs: SpatialReference?
    /// False when `crs` is only a format's default, not stated by the file (GeoJSON without a `crs` member is
    /// read as longitude/latitude): `--assume-parcels-crs` then replaces it.
    var crsStated = true
    /// Each feature's id (the FID as text, or its position when the format has none).
    var labels: [String] = []
    /// Each feature's attributes, in field order.
    var attributes: [[FieldValue]] = []
    /// Each feature's geometry as ISO WKB, nil when it has none.
    var wkbs: [[UInt8]?] = []

    /// Reads every feature of `layer` through OGR.
    init(layer: VectorLayer) throws {
        layerName = layer.name
        fields = layer.fields
        crs = layer.spatialReference
        if layer.dataset.driverName == "GeoJSON" { crsStated = FeatureTable.namesCRS(layer.dataset.path) }
        // GeoPackage's srs_id 0 and -1 mean "undefined": OGR reports them as CRSs named "Undefined …".
        if let name = crs?.name, name.hasPrefix("Undefined ") { crsStated = false }
        var n = -1
        try layer.forEachFeature { feature in
            n += 1
            labels.append(feature.fid.map(String.init) ?? String(n))
            attributes.append(feature.values)
            wkbs.append(feature.geometry().map(\.wkb))
        }
    }

    /// True when the GeoJSON file at `path` has a `crs` member (its key appears anywhere in the file).
    static func namesCRS(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return true }
        return data.range(of: Data("\"crs\"".utf8)) != nil
    }

    /// A table from its parts.
    init(
        layerName: String, fields: [FieldDefinition], crs: SpatialReference?, labels: [String],
        attributes: [[FieldValue]], wkbs: [[UInt8]?]
    ) {
        self.layerName = layerName
        self.fields = fields
        self.crs = crs
        self.labels = labels
        self.attributes = attributes
        self.wkbs = wkbs
    }
}
