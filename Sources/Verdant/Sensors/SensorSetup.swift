import Foundation

/// Everything the user said about the inputs — a sensor preset, stacked rasters, per-band files, a STAC item or a
/// product folder, scaling, masks, grid — turned into the `RasterInputs` and `MaskRules` of a run.
public struct SensorSetup: Hashable, Sendable {
    /// The preset (nil: generic).
    public var preset: SensorPreset?
    /// Stacked rasters (`--raster`; several are mosaicked).
    public var rasters: [String] = []
    /// Explicit bands of the stacked rasters (`--red`, `--nir`): override the preset.
    public var selectors: [BandRole: BandSelector] = [:]
    /// Per-band files (`--band ROLE=FILE[:BAND]`): override everything else.
    public var assignments: [BandAssignment] = []
    /// A STAC item JSON (`--stac`).
    public var stac: String?
    /// A STAC item already read (one of an ItemCollection); taken instead of `stac`.
    public var stacItem: STACItem?
    /// A product folder (`--scene`).
    public var scene: String?
    /// A Sentinel-2 processing baseline given by the user (`--baseline`).
    public var baseline: String?
    /// True when `baseline` stands in only where a product's metadata does not say (`--processing-baseline` of a
    /// series, whose dates may lie on either side of a baseline change); false: it overrides the metadata.
    public var baselineIsFallback = false
    /// The parameter that gives `baseline`, as errors name it (`.processingBaseline` for a series).
    public var baselineParameter: Parameter = .baseline
    /// User reflectance scale (`--scale`), overriding the preset.
    public var scale: Double?
    /// User reflectance offset (`--offset`), overriding the preset and the baseline.
    public var offset: Double?
    /// A CRS for rasters without one.
    public var assumedCRS: String?
    /// Analysis grid from this role.
    public var gridRole: BandRole?
    /// Analysis cell size.
    public var resolution: Double?
    /// Resampling for reflectance.
    public var resampling: Resampling?
    /// SCL classes to exclude instead of the preset's.
    public var sclExclude: Set<Int>?
    /// QA_PIXEL bits to exclude instead of the preset's.
    public var qaExcludeBits: Set<Int>?
    /// Also exclude water (SCL 6 / QA bit 7).
    public var maskWater = false
    /// Also exclude snow (SCL 11 / QA bit 5).
    public var maskSnow = false
    /// Reflectance outside this range is no data.
    public var validRange: ClosedRange<Double>?

    /// An empty setup (generic, nothing given).
    public init(preset: SensorPreset? = nil) { self.preset = preset }

    /// The inputs and masks of a run that needs `roles`.
    public func resolve(needing roles: [BandRole]) throws -> (inputs: RasterInputs, masks: MaskRules) {
        try RasterInputs.validate(scale: scale, offset: offset, resolution: resolution)
        var bands: [BandRole: BandSource] = [:]
        var warnings: [String] = []
        let presetRoles = try preset?.roles() ?? []
        let wanted = Array(Set(presetRoles + roles + [.scl, .qa])).sorted()
        var item: STACItem?

        if let it = try stacItem ?? stac.map({ try STACItem(file: $0) }) {
            item = it
            for role in wanted {
                let names = (preset?.names(for: role) ?? []) + [role.name]
                if let asset = it.asset(named: names) { bands[role] = BandSource(path: asset.path, band: .index(1)) }
            }
        }
        if let scene {
            let folder = try SceneFolder(path: scene)
            for role in wanted where bands[role] == nil {
                if let names = preset?.names(for: role), let file = folder.file(named: names) {
                    bands[role] = BandSource(path: file, band: .index(1))
                }
            }
            if bands.isEmpty {
                throw VerdantError.input(
                    file: scene,
                    problem:
                        "holds no raster whose name names a band of the \(preset?.name ?? "generic") preset (\(folder.files.count) rasters found)"
                )
            }
        }
        if !rasters.isEmpty {
            for role in wanted {
                if let s = selectors[role] {
                    bands[role] = BandSource(paths: rasters, band: s)
                } else if let names = preset?.names(for: role), !names.isEmpty,
                    let s = try SensorSetup.selector(names: names, in: rasters[0])
                {
                    bands[role] = BandSource(paths: rasters, band: s)
                }
            }
        } else if !selectors.isEmpty {
            throw VerdantError.usage(
                "\(param: .red) and \(param: .nir) choose bands of \(param: .raster) FILE; for separate files use \(param: .band) red=FILE \(param: .band) nir=FILE"
            )
        }
        for (role, source) in try RasterInputs(assignments: assignments).bands { bands[role] = source }
        if bands.isEmpty {
            throw VerdantError.usage(
                "no input: give \(param: .raster) FILE (with \(param: .sensor) or \(param: .red)/\(param: .nir)), \(param: .band) ROLE=FILE[:BAND], \(param: .stac) ITEM.json or \(param: .scene) FOLDER"
            )
        }

        // Scaling: user > preset (with the Sentinel-2 baseline) > none.
        var scaling = ReflectanceScaling(scale: preset?.scale ?? 1, offset: preset?.offset ?? 0)
        if let bo = preset?.baselineOffset, offset == nil {
            scaling.offset = try baselineOffset(bo, item: item, bands: bands, presetScale: preset?.scale ?? 1)
        }
        if let scale { scaling.scale = scale }
        if let offset { scaling.offset = offset }

        var inputs = RasterInputs(bands: bands, scaling: scaling, assumedCRS: assumedCRS)
        // A preset states the scaling of digital numbers only when it converts them (scale 1 presets describe
        // floating-point reflectance exports).
        let presetConverts = preset.map { $0.scale != 1 || $0.offset != 0 || $0.baselineOffset != nil } ?? false
        inputs.scalingOrigin = scale != nil || offset != nil ? .user : presetConverts ? .preset : .unstated
        inputs.defaultNoData = preset?.nodata
        inputs.gridRole = gridRole
        inputs.resolution = resolution
        inputs.resampling = resampling

        var masks = MaskRules(validRange: validRange)
        let quality = preset?.quality
        var scl = sclExclude ?? Set(quality?.type == "classes" ? quality!.exclude : Array(MaskRules.defaultSCLExclude))
        var qa =
            qaExcludeBits ?? Set(quality?.type == "bits" ? quality!.exclude : Array(MaskRules.defaultQAExcludeBits))
        if maskWater { scl.insert(6); qa.insert(7) }
        if maskSnow { scl.insert(11); qa.insert(5) }
        masks.sclExclude = scl
        masks.qaExcludeBits = qa
        if let q = quality, let role = try? BandRole(parsing: q.role), bands[role] == nil {
            warnings.append(
                String(
                    naming:
                        "no \(role) band was given or found: clouds and shadows are not masked (give it with \(param: .band) \(role)=FILE)"
                ))
        }
        inputs.warnings = warnings
        return (inputs, masks)
    }

    /// The band of a stacked raster for one of `names`: a band description, or a 1-based band number.
    static func selector(names: [String], in path: String) throws -> BandSelector? {
        let dataset = try ResolvedInputs.open(path)
        let descriptions = try dataset.bands().map { $0.bandDescription.lowercased() }
        for name in names {
            if let i = descriptions.firstIndex(of: name.lowercased()) { return .index(i + 1) }
        }
        for name in names {
            if let n = Int(name), n >= 1, n <= dataset.bandCount { return .index(n) }
        }
        return nil
    }

    private func baselineOffset(
        _ rule: SensorPreset.BaselineOffset, item: STACItem?, bands: [BandRole: BandSource],
        presetScale: Double
    ) throws -> Double {
        func offset(forBaseline b: String, from source: String) throws -> Double {
            guard let newer = ProcessingBaseline.atLeast(b, rule.fromBaseline) else {
                throw VerdantError.usage("processing baseline '\(b)' (from \(source)) is not a number like 04.00")
            }
            return newer ? rule.offset : 0
        }
        let given = String(naming: "\(param: baselineParameter)")
        if let baseline, !baselineIsFallback { return try offset(forBaseline: baseline, from: given) }
        if let b = item?.processingBaseline { return try offset(forBaseline: b, from: item!.file) }
        let files = bands.filter { $0.key.kind == .reflectance }.sorted { $0.key < $1.key }.flatMap(\.value.paths)
        if let found = ProcessingBaseline.find(files: files, folder: scene) {
            if let dn = found.addOffsetDN { return dn * presetScale }
            if let b = found.baseline { return try offset(forBaseline: b, from: found.source) }
        }
        if let baseline { return try offset(forBaseline: baseline, from: given) }
        throw VerdantError.input(
            file: files.first ?? (stac ?? scene ?? "input"),
            problem:
                "the Sentinel-2 processing baseline cannot be found in its metadata (STAC s2:processing_baseline, MTD_MSIL2A.xml, GDAL metadata), so the reflectance offset is unknown: give \(param: baselineParameter) (e.g. 05.09) or \(param: .offset) (-0.1 from baseline 04.00 on, 0 before)"
        )
    }
}
