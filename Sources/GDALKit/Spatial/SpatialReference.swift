internal import CGDAL

/// A coordinate reference system (OGRSpatialReference), in traditional GIS axis order (x = easting/longitude).
///
/// Thread rules: immutable once made (no API here changes it after `init`), so reading it from one thread while
/// another reads it is what GDAL allows for const use; it is `Sendable` for that. Making a transformation from it
/// on several threads at once is avoided all the same: workers make their own from its WKT.
public final class SpatialReference: @unchecked Sendable {
    let handle: OGRSpatialReferenceH

    init(owning handle: OGRSpatialReferenceH) {
        self.handle = handle
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    deinit { OSRDestroySpatialReference(handle) }

    /// A CRS from WKT, PROJ string, `EPSG:n`, a file, or anything `OSRSetFromUserInput` takes.
    public convenience init(userInput: String) throws {
        let h: OGRSpatialReferenceH = try GDALCall.handle("making a CRS") { OSRNewSpatialReference(nil) }
        do {
            try GDALCall.checkOGR("reading the CRS '\(userInput.prefix(200))'") { OSRSetFromUserInput(h, userInput) }
        } catch {
            OSRDestroySpatialReference(h)
            throw error
        }
        self.init(owning: h)
    }

    /// A CRS from an EPSG code.
    public convenience init(epsg: Int) throws {
        let h: OGRSpatialReferenceH = try GDALCall.handle("making a CRS") { OSRNewSpatialReference(nil) }
        do {
            try GDALCall.checkOGR("reading the CRS EPSG:\(epsg)") { OSRImportFromEPSG(h, Int32(epsg)) }
        } catch {
            OSRDestroySpatialReference(h)
            throw error
        }
        self.init(owning: h)
    }

    /// The CRS as WKT2 (2019), or WKT1 if GDAL cannot write WKT2 for it.
    public var wkt: String {
        for format in ["WKT2_2019", "WKT1"] {
            var out: UnsafeMutablePointer<CChar>?
            let options = CStringList(["FORMAT=\(format)", "MULTILINE=NO"])
            let err =
                (try? GDALCall.run("exporting a CRS") {
                    options.withConstPointer { OSRExportToWktEx(handle, &out, $0) }
                }) ?? OGRERR_FAILURE
            defer { VSIFree(out) }
            if err == OGRERR_NONE, let out { return String(cString: out) }
        }
        return ""
    }

    /// The CRS name (e.g. `WGS 84 / UTM zone 47N`).
    public var name: String { OSRGetName(handle).map { String(cString: $0) } ?? "" }

    /// `EPSG:n` when the CRS is identified by an authority code, else nil.
    public var authorityCode: String? {
        let target: String? = OSRIsProjected(handle) != 0 ? "PROJCS" : (OSRIsGeographic(handle) != 0 ? "GEOGCS" : nil)
        guard let name = OSRGetAuthorityName(handle, target), let code = OSRGetAuthorityCode(handle, target) else {
            if let name = OSRGetAuthorityName(handle, nil), let code = OSRGetAuthorityCode(handle, nil) {
                return "\(String(cString: name)):\(String(cString: code))"
            }
            return nil
        }
        return "\(String(cString: name)):\(String(cString: code))"
    }

    /// True for a geographic (longitude/latitude) CRS.
    public var isGeographic: Bool { OSRIsGeographic(handle) != 0 }
    /// True for a projected CRS.
    public var isProjected: Bool { OSRIsProjected(handle) != 0 }
    /// Metres per linear unit of a projected CRS (1 for metres, 0.3048 for feet).
    public var linearUnitsInMetres: Double { OSRGetLinearUnits(handle, nil) }
    /// Semi-major axis of the CRS's ellipsoid in metres.
    public var semiMajorAxis: Double { OSRGetSemiMajor(handle, nil) }
    /// Inverse flattening of the CRS's ellipsoid (0 for a sphere).
    public var inverseFlattening: Double { OSRGetInvFlattening(handle, nil) }
    /// Radians per angular unit of a geographic CRS (π/180 for degrees).
    public var angularUnitsInRadians: Double { OSRGetAngularUnits(handle, nil) }

    /// True when both describe the same CRS (ignoring names and axis order details GDAL deems equal).
    public func isSame(as other: SpatialReference) -> Bool {
        let options = CStringList([
            "IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS"
        ])
        return options.withConstPointer { OSRIsSameEx(handle, other.handle, $0) } != 0
    }

    /// A copy with its own handle.
    public func copy() -> SpatialReference { SpatialReference(owning: OSRClone(handle)) }
}
