/// What the user asked to read: which band plays which role, and how values become reflectance.
public struct RasterInputs: Hashable, Sendable {
    /// The band for each role.
    public var bands: [BandRole: BandSource]
    /// The user's reflectance scale and offset (after GDAL's own).
    public var scaling: ReflectanceScaling
    /// A CRS to assume for rasters that have none (e.g. `EPSG:32647`); nil means such rasters are an error.
    public var assumedCRS: String?

    /// Roles from explicit band sources.
    public init(bands: [BandRole: BandSource], scaling: ReflectanceScaling = .identity, assumedCRS: String? = nil) {
        self.bands = bands
        self.scaling = scaling
        self.assumedCRS = assumedCRS
    }

    /// Red and NIR from one stacked file.
    public static func stacked(path: String, red: BandSelector, nir: BandSelector,
                               scaling: ReflectanceScaling = .identity) -> RasterInputs {
        RasterInputs(bands: [.red: BandSource(path: path, band: red), .nir: BandSource(path: path, band: nir)],
                     scaling: scaling)
    }

    /// Roles from `--band ROLE=FILE[:BAND]` assignments; a role given twice is an error.
    public init(assignments: [BandAssignment], scaling: ReflectanceScaling = .identity) throws {
        var bands: [BandRole: BandSource] = [:]
        for a in assignments {
            if bands[a.role] != nil { throw VerdantError.usage("--band \(a.role) is given more than once") }
            bands[a.role] = a.source
        }
        self.init(bands: bands, scaling: scaling)
    }

    /// Throws unless every role in `roles` has a band.
    public func require(_ roles: [BandRole]) throws {
        let missing = roles.filter { bands[$0] == nil }
        if !missing.isEmpty {
            throw VerdantError.usage("no band given for \(missing.map(\.name).joined(separator: ", ")): use --raster FILE --red BAND --nir BAND or --band ROLE=FILE[:BAND]")
        }
    }
}
