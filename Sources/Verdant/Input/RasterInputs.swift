/// What the user asked to read: which band plays which role, how values become reflectance, and which grid
/// the analysis runs on.
public struct RasterInputs: Hashable, Sendable {
    /// The band for each role.
    public var bands: [BandRole: BandSource]
    /// The reflectance conversion after GDAL's own scale/offset.
    public var scaling: ReflectanceScaling
    /// Who stated `scaling`. Integer reflectance bands without GDAL scale/offset metadata are refused while it is
    /// `.unstated`: digital numbers taken as reflectance give wrong biomass silently.
    public var scalingOrigin: ScalingOrigin
    /// A CRS to assume for rasters that have none (e.g. `EPSG:32647`); nil means such rasters are an error.
    public var assumedCRS: String?
    /// A nodata value for bands that declare none (a sensor preset's, e.g. 0 for Sentinel-2 L2A); nil: none.
    public var defaultNoData: Double?
    /// The role whose grid is the analysis grid; nil: the finest of the inputs.
    public var gridRole: BandRole?
    /// A cell size for the analysis grid, in its CRS units (aligned to the chosen grid's origin); nil: its own.
    public var resolution: Double?
    /// GDAL resampling for reflectance bands brought onto the grid (`average`, `bilinear`, `cubic`, `near`);
    /// nil: `average` when the band is finer than the grid, `bilinear` when coarser. Classes always use `near`.
    public var resampling: Resampling?

    /// A grid every band is brought onto, overriding `gridRole` and `resolution` (the common grid of a time
    /// series); nil: the grid is chosen from the bands.
    public var targetGrid: RasterGrid?
    /// The block size tiles are cut from (width, height), overriding the files' own (so that every date of a
    /// series is cut into the same tiles); nil: the grid file's natural blocks.
    public var targetBlock: TileBlock?

    /// Warnings about the inputs (e.g. no cloud mask), carried to the outputs.
    public var warnings: [String] = []

    /// Roles from explicit band sources. A `scaling` given (even `.identity`) counts as stated by the user; nil
    /// leaves it unstated (values used as they are, refused for integer bands without GDAL scale metadata).
    public init(bands: [BandRole: BandSource], scaling: ReflectanceScaling? = nil, assumedCRS: String? = nil) {
        self.bands = bands
        self.scaling = scaling ?? .identity
        self.scalingOrigin = scaling == nil ? .unstated : .user
        self.assumedCRS = assumedCRS
    }

    /// Red and NIR from one stacked file.
    public static func stacked(
        path: String, red: BandSelector, nir: BandSelector,
        scaling: ReflectanceScaling? = nil
    ) -> RasterInputs {
        RasterInputs(
            bands: [.red: BandSource(path: path, band: red), .nir: BandSource(path: path, band: nir)],
            scaling: scaling)
    }

    /// Roles from `--band ROLE=FILE[:BAND]` assignments; a role given several times is a mosaic of its files
    /// (the same band of each).
    public init(assignments: [BandAssignment], scaling: ReflectanceScaling? = nil) throws {
        var bands: [BandRole: BandSource] = [:]
        for a in assignments {
            if var existing = bands[a.role] {
                guard existing.band == a.source.band else {
                    throw VerdantError.invalidParameter(
                        .band,
                        problem:
                            "\(a.role) is given with band \(existing.band) and band \(a.source.band): a mosaic takes the same band of every file"
                    )
                }
                existing.paths += a.source.paths
                bands[a.role] = existing
            } else {
                bands[a.role] = a.source
            }
        }
        self.init(bands: bands, scaling: scaling)
    }

    /// Throws for values no run can use: a zero or non-finite scale, a non-finite offset, a resolution that is not
    /// a positive number. Every job checks its inputs so before any work.
    public func validate() throws {
        try Self.validate(scale: scaling.scale, offset: scaling.offset, resolution: resolution)
    }

    /// Throws for a scale that is zero or not finite, an offset that is not finite, or a resolution that is not a
    /// positive number (each when given).
    public static func validate(scale: Double?, offset: Double?, resolution: Double?) throws {
        if let scale, !scale.isFinite || scale == 0 {
            throw VerdantError.invalidParameter(.scale, problem: "must be a non-zero finite number")
        }
        if let offset, !offset.isFinite {
            throw VerdantError.invalidParameter(.offset, problem: "must be a finite number")
        }
        if let resolution, !(resolution.isFinite && resolution > 0) {
            throw VerdantError.invalidParameter(.resolution, problem: "must be a positive number")
        }
    }

    /// Throws unless every role in `roles` has a band.
    public func require(_ roles: [BandRole], for purpose: String = "this run") throws {
        let missing = roles.filter { bands[$0] == nil }
        if !missing.isEmpty {
            throw VerdantError.usage(
                "\(purpose) needs the \(missing.map(\.name).joined(separator: ", ")) band(s), which the input lacks: give them with \(param: .band) ROLE=FILE[:BAND] (or \(param: .raster) FILE \(param: .red) BAND \(param: .nir) BAND, or \(param: .sensor))"
            )
        }
    }
}

/// The size of the blocks a grid's tiles are cut from.
public struct TileBlock: Hashable, Sendable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// A block of `width × height` cells.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
