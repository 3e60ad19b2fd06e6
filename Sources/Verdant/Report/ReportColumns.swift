/// The column names of the per-parcel table: a contract that users' scripts rely on.
public enum ReportColumns {
    /// The id column, first.
    public static let parcelID = "parcel_id"
    /// The figure columns, in order, after the parcel's attributes.
    public static let figures = ["parcel_ha", "covered_ha", "observed_ha", "unobserved_fraction", "mean_ndvi",
                                 "agb_t", "agb_t_per_ha", "carbon_t", "co2e_t"]
    /// The last column: notes on the parcel (repaired geometry, merged features), `; `-separated.
    public static let notes = "notes"

    /// All columns of a report: `parcel_id`, the attributes, the figures, `notes`.
    public static func all(attributes: [String]) -> [String] { [parcelID] + attributes + figures + [notes] }

    /// The figure values of a row, in `figures` order (nil = no value).
    static func values(_ r: ParcelFigures) -> [Double?] {
        [r.parcelHa, r.coveredHa, r.observedHa, r.unobservedFraction, r.meanNDVI, r.agbT, r.agbTPerHa, r.carbonT, r.co2eT]
    }
}
