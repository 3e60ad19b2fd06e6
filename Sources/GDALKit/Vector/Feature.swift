internal import CGDAL

/// One feature read from a layer: its id, attributes and geometry.
public final class Feature {
    let handle: OGRFeatureH
    /// The layer it came from (kept alive).
    public let layer: VectorLayer

    init(owning handle: OGRFeatureH, layer: VectorLayer) {
        self.handle = handle
        self.layer = layer
    }

    deinit { OGR_F_Destroy(handle) }

    /// The feature id (FID), or nil when the format has none.
    public var fid: Int64? {
        let v = OGR_F_GetFID(handle)
        return v == Int64(OGRNullFID) ? nil : v
    }

    /// The value of attribute `index` (0-based, in layer field order).
    public func value(at index: Int) -> FieldValue {
        let i = Int32(index)
        guard OGR_F_IsFieldSetAndNotNull(handle, i) != 0 else { return .null }
        guard let def = OGR_F_GetFieldDefnRef(handle, i) else { return .null }
        switch OGR_Fld_GetType(def) {
        case OFTInteger, OFTInteger64: return .integer(OGR_F_GetFieldAsInteger64(handle, i))
        case OFTReal: return .real(OGR_F_GetFieldAsDouble(handle, i))
        default: return .string(OGR_F_GetFieldAsString(handle, i).map { String(cString: $0) } ?? "")
        }
    }

    /// All attribute values, in layer field order.
    public var values: [FieldValue] { (0..<Int(OGR_F_GetFieldCount(handle))).map { value(at: $0) } }

    /// A copy of the feature's geometry, or nil when it has none.
    public func geometry() -> Geometry? {
        guard let g = OGR_F_GetGeometryRef(handle) else { return nil }
        return Geometry(owning: OGR_G_Clone(g))
    }
}
