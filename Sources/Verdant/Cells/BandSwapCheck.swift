/// Warns when red and NIR look swapped: over most vegetated-looking cells (|NDVI| > 0.3) NIR is below red.
public enum BandSwapCheck {
    /// The warning for these counts of cells with NDVI > 0.3 and < −0.3, or nil when nothing looks wrong.
    public static func warning(_ signs: (positive: Int, negative: Int)) -> String? {
        let total = signs.positive + signs.negative
        guard total >= 100, signs.negative * 2 > total else { return nil }
        let share = Double(signs.negative) / Double(total) * 100
        return String(
            naming:
                "NIR is below red over \(Int(share.rounded()))% of the cells with |NDVI| > 0.3: the red and NIR bands may be swapped (check the band order of your sensor or export, e.g. with \(param: .sensor))"
        )
    }
}
