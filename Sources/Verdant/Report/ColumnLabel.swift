/// How a report column reads for people: a label, its unit, and how its numbers are written. The column's own name
/// (`agb_t`) stays beside the label, so a reader can find it in the CSV.
public struct ColumnLabel: Hashable, Sendable {
    /// How a column's values are written.
    public enum Kind: Hashable, Sendable {
        /// An area, hectares: two decimals.
        case hectares
        /// A mass or a mass density: precision by size.
        case mass
        /// A fraction 0…1, shown as a percentage.
        case fraction
        /// A value already in percent.
        case percent
        /// A spectral index: three decimals.
        case index
        /// A ratio or a factor: three decimals.
        case ratio
        /// Yes or no.
        case flag
        /// Text (ids, classes, notes, attributes).
        case text
    }

    /// What the column holds, in words.
    public var label: String
    /// Its unit ("ha", "t", "tCO2e", "%"), empty when it has none.
    public var unit: String
    /// How its values are written.
    public var kind: Kind

    /// The label of the column named `name` (a figure column of `ReportColumns`, or an attribute).
    public static func of(_ name: String) -> ColumnLabel {
        if let known = known[name] { return known }
        if name.hasPrefix("mean_") { return ColumnLabel(label: "Mean " + name.dropFirst(5).uppercased(), kind: .index) }
        if ReportColumns.isClassColumn(name) {
            return ColumnLabel(label: String(name.dropFirst(6).dropLast(3)), unit: "ha", kind: .hectares)
        }
        return ColumnLabel(label: name, kind: .text)
    }

    /// A label.
    public init(label: String, unit: String = "", kind: Kind) {
        self.label = label
        self.unit = unit
        self.kind = kind
    }

    /// `value` written for reading (thousands separators, the kind's precision); empty for no value.
    public func format(_ value: Double?) -> String {
        switch kind {
        case .hectares: HTMLText.number(value, digits: 2)
        case .fraction: HTMLText.percent(value)
        case .percent: HTMLText.number(value, digits: 1)
        case .index, .ratio: HTMLText.number(value, digits: 3)
        case .mass, .flag, .text: HTMLText.magnitude(value)
        }
    }

    /// The unit as shown after a value or in a heading: fractions read as percentages.
    public var shownUnit: String { kind == .fraction ? "%" : unit }

    static let known: [String: ColumnLabel] = [
        ReportColumns.parcelID: ColumnLabel(label: "Parcel", kind: .text),
        "parcel_ha": ColumnLabel(label: "Area", unit: "ha", kind: .hectares),
        "covered_ha": ColumnLabel(label: "On the raster", unit: "ha", kind: .hectares),
        "observed_ha": ColumnLabel(label: "Observed", unit: "ha", kind: .hectares),
        "unobserved_fraction": ColumnLabel(label: "Unobserved", kind: .fraction),
        "mean_ndvi": ColumnLabel(label: "Mean NDVI", kind: .index),
        "agb_t": ColumnLabel(label: "AGB", unit: "t", kind: .mass),
        "agb_t_per_ha": ColumnLabel(label: "AGB density", unit: "t/ha", kind: .mass),
        "carbon_t": ColumnLabel(label: "Carbon", unit: "t C", kind: .mass),
        "co2e_t": ColumnLabel(label: "CO2e", unit: "tCO2e", kind: .mass),
        "cloud_fraction": ColumnLabel(label: "Cloud", kind: .fraction),
        "nodata_fraction": ColumnLabel(label: "No data", kind: .fraction),
        "masked_fraction": ColumnLabel(label: "Masked", kind: .fraction),
        "agb_t_filled": ColumnLabel(label: "AGB gap-filled", unit: "t", kind: .mass),
        "co2e_t_filled": ColumnLabel(label: "CO2e gap-filled", unit: "tCO2e", kind: .mass),
        "low_observed": ColumnLabel(label: "Low observed", kind: .flag),
        "factor_class": ColumnLabel(label: "Factor class", kind: .text),
        "root_shoot": ColumnLabel(label: "Root:shoot", kind: .ratio),
        "carbon_fraction": ColumnLabel(label: "Carbon fraction", unit: "t C/t", kind: .ratio),
        "agb_t_lo90": ColumnLabel(label: "AGB 90 % low", unit: "t", kind: .mass),
        "agb_t_hi90": ColumnLabel(label: "AGB 90 % high", unit: "t", kind: .mass),
        "co2e_t_lo90": ColumnLabel(label: "CO2e 90 % low", unit: "tCO2e", kind: .mass),
        "co2e_t_hi90": ColumnLabel(label: "CO2e 90 % high", unit: "tCO2e", kind: .mass),
        "uncertainty_pct": ColumnLabel(label: "Uncertainty", unit: "%", kind: .percent),
        "green_ha": ColumnLabel(label: "Green cover", unit: "ha", kind: .hectares),
        "green_fraction": ColumnLabel(label: "Green share", kind: .fraction),
        ReportColumns.notes: ColumnLabel(label: "Notes", kind: .text)
    ]
}
