/// The columns of `verdant series`' tables: a contract users' scripts rely on.
public enum SeriesColumns {
    /// The long table (`--out`): one row per parcel and date, sorted by parcel then date. `mean_<index>` is
    /// `mean_ndvi` for NDVI; the biomass columns appear only with a model.
    public static func rows(index: SpectralIndex, hasModel: Bool) -> [String] {
        [
            "parcel_id", "date", "covered_ha", "observed_ha", "unobserved_fraction", "cloud_fraction",
            "nodata_fraction", "masked_fraction", "mean_\(index.name)", "green_ha", "green_fraction"
        ] + (hasModel ? biomass : []) + ["low_observed", "notes"]
    }

    /// The biomass columns of the long table.
    public static let biomass = ["agb_t", "agb_t_per_ha", "co2e_t", "agb_t_filled", "co2e_t_filled"]

    /// The per-parcel table (`--summary-out`).
    public static func summary(index: SpectralIndex, hasModel: Bool) -> [String] {
        let i = index.name
        return [
            "parcel_id", "dates", "observed_dates", "first_date", "last_date", "mean_\(i)_first", "mean_\(i)_last",
            "\(i)_trend_per_year", "trend_p", "green_ha_first", "green_ha_last", "green_ha_change", "baseline_rmse",
            "max_drop", "alert_date"
        ] + (hasModel ? ["co2e_t_first", "co2e_t_last"] : []) + ["notes"]
    }

    /// One row of the long table.
    static func values(_ r: ParcelFigures, date: AcquisitionDate, hasModel: Bool) -> [ReportColumns.Value] {
        var out: [ReportColumns.Value] = [.text(r.parcelID), .text(date.text)]
        out += [
            r.coveredHa, r.observedHa, r.unobservedFraction, r.cloudFraction, r.noDataFraction, r.maskedFraction,
            r.meanIndex, r.greenHa, r.greenFraction
        ].map { .number($0) }
        if hasModel {
            out += [r.agbT, r.agbTPerHa, r.co2eT, r.agbTFilled, r.co2eTFilled].map { .number($0) }
        }
        out += [.flag(r.lowObserved), .text(r.notes.joined(separator: "; "))]
        return out
    }

    /// One row of the per-parcel table.
    static func values(_ t: ParcelTrend, hasModel: Bool) -> [ReportColumns.Value] {
        var out: [ReportColumns.Value] = [
            .text(t.parcelID), .number(Double(t.dates)), .number(Double(t.observedDates)),
            .text(t.firstDate?.text ?? ""), .text(t.lastDate?.text ?? "")
        ]
        out += [
            t.meanIndexFirst, t.meanIndexLast, t.trendPerYear, t.trendP, t.greenHaFirst, t.greenHaLast,
            t.greenHaChange, t.baselineRMSE, t.maxDrop
        ].map { .number($0) }
        out.append(.text(t.alertDate?.text ?? ""))
        if hasModel { out += [.number(t.co2eFirst), .number(t.co2eLast)] }
        out.append(.text(t.notes.joined(separator: "; ")))
        return out
    }
}
