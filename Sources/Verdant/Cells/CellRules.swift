/// How every cell is judged and valued: the index, the biomass model, and the masks.
public struct CellRules: Hashable, Sendable {
    /// The vegetation index the model takes (and that `map` writes).
    public var index: SpectralIndex
    /// The biomass model.
    public var model: BiomassModel
    /// Quality masks and the valid reflectance range.
    public var masks: MaskRules

    /// Rules; the index is the model's.
    public init(model: BiomassModel, masks: MaskRules = MaskRules()) throws {
        self.index = model.index
        self.model = model
        self.masks = masks
    }

    /// The reflectance bands the index is computed from.
    public var requiredRoles: [BandRole] { index.roles }

    /// The bands these rules need from `inputs`: the index's reflectance bands, or, when any of them is absent and
    /// the inputs give the index itself (`--band ndvi=FILE`), that band.
    public func requiredRoles(for inputs: RasterInputs) -> [BandRole] {
        readsIndexBand(Set(inputs.bands.keys)) ? [index.bandRole] : index.roles
    }

    /// True when the index is read from its own band: some reflectance band it needs is absent from `roles` and
    /// the index's band is present.
    public func readsIndexBand(_ roles: Set<BandRole>) -> Bool {
        !index.roles.allSatisfy(roles.contains) && roles.contains(index.bandRole)
    }

    /// True when cells on `roles` get an NDVI: red and NIR are present, or NDVI is the index and read from its band.
    public func hasNDVI(_ roles: Set<BandRole>) -> Bool {
        (roles.contains(.red) && roles.contains(.nir)) || (index == .ndvi && readsIndexBand(roles))
    }
}
