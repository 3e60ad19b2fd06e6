import GDALKit

/// The column names of the per-parcel table: a contract that users' scripts rely on. The columns of the first
/// release keep their names and relative order; later columns come after them, before `notes`.
public enum ReportColumns {
    /// The id column, first.
    public static let parcelID = "parcel_id"
    /// The figure columns of the first release, in order, after the parcel's attributes.
    public static let figures = [
        "parcel_ha", "covered_ha", "observed_ha", "unobserved_fraction", "mean_ndvi",
        "agb_t", "agb_t_per_ha", "carbon_t", "co2e_t"
    ]
    /// Columns on why cells were not observed, and gap-filled totals.
    public static let masking = ["cloud_fraction", "nodata_fraction", "masked_fraction"]
    /// Gap-filled totals and their flag.
    public static let filling = ["agb_t_filled", "co2e_t_filled", "low_observed"]
    /// The carbon factors applied to the parcel.
    public static let factors = ["factor_class", "root_shoot", "carbon_fraction"]
    /// The 90 % confidence interval (empty without a model uncertainty).
    public static let interval = ["agb_t_lo90", "agb_t_hi90", "co2e_t_lo90", "co2e_t_hi90", "uncertainty_pct"]
    /// Green cover (`GreenCover`): the observed green area and its share of the observed area (empty without a
    /// threshold).
    public static let green = ["green_ha", "green_fraction"]
    /// The last column: notes on the parcel (repaired geometry, merged features), `; `-separated.
    public static let notes = "notes"

    /// A cell of the table.
    public enum Value: Hashable, Sendable {
        /// A number, or no value.
        case number(Double?)
        /// Yes or no.
        case flag(Bool)
        /// Text.
        case text(String)
    }

    /// The figure columns for a model index: the mean of a non-NDVI index gets its own column (`mean_evi`); with a
    /// class band, one `class_<name>_ha` column per class after the green columns.
    public static func figureColumns(index: String, classes: [ClassColumn] = []) -> [String] {
        figures + masking + (index == "ndvi" ? [] : ["mean_\(index)"]) + filling + factors + interval + green
            + classes.map(\.column)
    }

    /// The figure columns with their types, the same in every format that has types (GeoPackage, GeoJSON, the CSV's
    /// `.csvt`): numbers are reals (also a column whose every value is empty), `low_observed` a boolean and
    /// `factor_class` text.
    public static func figureFields(index: String, classes: [ClassColumn] = []) -> [FieldDefinition] {
        figureColumns(index: index, classes: classes).map { name in
            name == "low_observed"
                ? .boolean(name) : FieldDefinition(name: name, type: name == "factor_class" ? .string : .real)
        }
    }

    /// Every column of a report with its type: `parcel_id` (text), the attributes as the parcels have them, the
    /// figures (`figureFields`), `notes` (text).
    public static func fields(
        attributes: [FieldDefinition], index: String = "ndvi", classes: [ClassColumn] = []
    ) -> [FieldDefinition] {
        [FieldDefinition(name: parcelID, type: .string)] + attributes
            + figureFields(index: index, classes: classes) + [FieldDefinition(name: notes, type: .string)]
    }

    /// All columns of a report: `parcel_id`, the attributes, the figures, `notes`.
    public static func all(attributes: [String], index: String = "ndvi", classes: [ClassColumn] = []) -> [String] {
        [parcelID] + attributes + figureColumns(index: index, classes: classes) + [notes]
    }

    /// True for a name a class column can have (`class_<name>_ha`): attributes so named are renamed `attr_…`.
    static func isClassColumn(_ name: String) -> Bool { name.hasPrefix("class_") && name.hasSuffix("_ha") }

    /// Every name a figure column can have (attributes with these names are renamed `attr_…`).
    public static var reserved: Set<String> {
        Set(
            [parcelID, notes] + figures + masking + filling + factors + interval + green
                + SpectralIndex.all.map { "mean_\($0.name)" })
    }

    /// The figure values of a row, in `figureColumns(index:)` order.
    /// A parcel's row as attribute values for vector outputs, in column order: id, attributes, figures (flags as
    /// 0/1, in boolean columns), notes.
    static func fieldValues(
        _ r: ParcelFigures, attributeIndices: [Int], index: String, classes: [ClassColumn] = []
    ) -> [FieldValue] {
        var values: [FieldValue] = [.string(r.parcelID)] + attributeIndices.map { r.attributes[$0] }
        values += Self.values(r, index: index, classes: classes).map { value -> FieldValue in
            switch value {
            case .number(let v): v.map { FieldValue.real($0) } ?? .null
            case .flag(let b): .integer(b ? 1 : 0)
            case .text(let t): .string(t)
            }
        }
        values.append(.string(r.notes.joined(separator: "; ")))
        return values
    }

    static func values(_ r: ParcelFigures, index: String, classes: [ClassColumn] = []) -> [Value] {
        var out: [Value] = [
            r.parcelHa, r.coveredHa, r.observedHa, r.unobservedFraction, r.meanNDVI, r.agbT, r.agbTPerHa,
            r.carbonT, r.co2eT, r.cloudFraction, r.noDataFraction, r.maskedFraction
        ].map { .number($0) }
        if index != "ndvi" { out.append(.number(r.meanIndex)) }
        out += [.number(r.agbTFilled), .number(r.co2eTFilled), .flag(r.lowObserved)]
        out += [.text(r.factors.className), .number(r.factors.rootShoot), .number(r.factors.carbonFraction)]
        let i = r.interval
        out += [i?.agbLow, i?.agbHigh, i?.co2eLow, i?.co2eHigh, i?.uncertaintyPct].map { .number($0) }
        out += [.number(r.greenHa), .number(r.greenFraction)]
        // A class absent from a parcel over the raster has 0 ha there; a parcel off the raster has no figure.
        let covered = r.coveredHa > 0
        out += classes.map { .number(r.classAreasHa[$0.value] ?? (covered ? 0 : nil)) }
        return out
    }
}
