internal import CGDAL

/// A layer of a vector dataset; keeps its dataset alive. Not thread-safe.
public final class VectorLayer {
    let handle: OGRLayerH
    /// The dataset the layer belongs to.
    public let dataset: VectorDataset

    init(handle: OGRLayerH, dataset: VectorDataset) {
        self.handle = handle
        self.dataset = dataset
    }

    /// The layer name.
    public var name: String { OGR_L_GetName(handle).map { String(cString: $0) } ?? "" }

    /// The layer's CRS, or nil when it has none.
    public var spatialReference: SpatialReference? {
        guard let srs = OGR_L_GetSpatialRef(handle) else { return nil }
        return SpatialReference(owning: OSRClone(srs))
    }

    /// A metadata item of the layer (e.g. `DESCRIPTION`, a GeoPackage layer's description), nil when it has none.
    public func metadataItem(_ name: String, domain: String? = nil) -> String? {
        GDALGetMetadataItem(handle, name, domain).map { String(cString: $0) }
    }

    /// Number of features (may scan the layer).
    public var featureCount: Int { Int(OGR_L_GetFeatureCount(handle, 1)) }

    /// The geometry type name of the layer (e.g. `Polygon`, `Multi Polygon`, `Unknown (any)`).
    public var geometryTypeName: String {
        OGRGeometryTypeToName(OGR_L_GetGeomType(handle)).map { String(cString: $0) } ?? ""
    }

    /// The attribute columns, in order.
    public var fields: [FieldDefinition] {
        guard let defn = OGR_L_GetLayerDefn(handle) else { return [] }
        return (0..<OGR_FD_GetFieldCount(defn)).compactMap { i in
            guard let f = OGR_FD_GetFieldDefn(defn, i) else { return nil }
            let name = OGR_Fld_GetNameRef(f).map { String(cString: $0) } ?? ""
            let type: FieldType
            switch OGR_Fld_GetType(f) {
            case OFTInteger, OFTInteger64: type = .integer
            case OFTReal: type = .real
            default: type = .string
            }
            let subtype: FieldSubtype = OGR_Fld_GetSubType(f) == OFSTBoolean ? .boolean : .none
            return FieldDefinition(name: name, type: type, subtype: subtype)
        }
    }

    /// The name of the FID column, empty when the format has none.
    public var fidColumn: String { OGR_L_GetFIDColumn(handle).map { String(cString: $0) } ?? "" }

    /// Calls `body` with every feature from the start, in the layer's order, one at a time (memory stays flat).
    public func forEachFeature(_ body: (Feature) throws -> Void) throws {
        OGR_L_ResetReading(handle)
        while true {
            let next = try GDALCall.run("reading features of layer '\(name)' of '\(dataset.path)'") {
                OGR_L_GetNextFeature(handle)
            }
            guard let f = next else { break }
            try body(Feature(owning: f, layer: self))
        }
    }

    /// Reads every feature from the start, in the layer's order.
    public func features() throws -> [Feature] {
        OGR_L_ResetReading(handle)
        var out: [Feature] = []
        while true {
            let next = try GDALCall.run("reading features of layer '\(name)' of '\(dataset.path)'") {
                OGR_L_GetNextFeature(handle)
            }
            guard let f = next else { break }
            out.append(Feature(owning: f, layer: self))
        }
        return out
    }

    /// Adds an attribute column (when creating a layer).
    public func createField(_ definition: FieldDefinition) throws {
        let type: OGRFieldType =
            switch definition.type {
            case .integer: definition.subtype == .boolean ? OFTInteger : OFTInteger64
            case .real: OFTReal
            case .string: OFTString
            }
        let f = OGR_Fld_Create(definition.name, type)!
        defer { OGR_Fld_Destroy(f) }
        if definition.subtype == .boolean { OGR_Fld_SetSubType(f, OFSTBoolean) }
        try GDALCall.checkOGR("adding field '\(definition.name)' to layer '\(name)' of '\(dataset.path)'") {
            OGR_L_CreateField(handle, f, 1)
        }
    }

    /// Writes a feature with `values` (one per field, in order) and a geometry.
    public func addFeature(values: [FieldValue], geometry: Geometry?) throws {
        guard let defn = OGR_L_GetLayerDefn(handle), let f = OGR_F_Create(defn) else {
            throw GDALError(context: "making a feature for layer '\(name)'")
        }
        defer { OGR_F_Destroy(f) }
        for (i, v) in values.enumerated() {
            let k = Int32(i)
            switch v {
            case .null: OGR_F_SetFieldNull(f, k)
            case .integer(let x): OGR_F_SetFieldInteger64(f, k, x)
            case .real(let x): if x.isFinite { OGR_F_SetFieldDouble(f, k, x) } else { OGR_F_SetFieldNull(f, k) }
            case .string(let s): OGR_F_SetFieldString(f, k, s)
            }
        }
        if let geometry { _ = OGR_F_SetGeometry(f, geometry.handle) }
        try GDALCall.checkOGR("writing a feature to layer '\(name)' of '\(dataset.path)'") {
            OGR_L_CreateFeature(handle, f)
        }
    }
}
