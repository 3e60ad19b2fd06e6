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

    /// The bands these rules need.
    public var requiredRoles: [BandRole] { index.roles }
}
