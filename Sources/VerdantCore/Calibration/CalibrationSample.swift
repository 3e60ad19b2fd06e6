/// One field plot for calibrating a biomass model: the plot's mean index value and its measured AGB.
public struct CalibrationSample: Hashable, Sendable, Codable {
    /// The plot's identifier, used in error messages (`P07`).
    public var plotID: String
    /// The plot's mean vegetation index from the raster (the model's x).
    public var x: Double
    /// The plot's measured above-ground biomass in t/ha (the model's y).
    public var y: Double

    /// A plot from its identifier, mean index value `x` and measured AGB `y` (t/ha).
    public init(plotID: String, x: Double, y: Double) {
        self.plotID = plotID
        self.x = x
        self.y = y
    }

    enum CodingKeys: String, CodingKey {
        case plotID = "plot_id"
        case x
        case y
    }
}
