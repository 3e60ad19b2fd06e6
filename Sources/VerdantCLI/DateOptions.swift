import ArgumentParser
import Verdant

/// Options that give the dates of a time series: a dates table or STAC items, and the Sentinel-2 processing
/// baseline when a date's metadata does not say.
struct DateOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A CSV of acquisitions: a date column (ISO 8601 date or date-time; rows with one date are mosaicked) and a column per role holding a path relative to the CSV (raster for a stacked file read with --red/--nir/--sensor, or red, nir, blue, …, scl, qa, mask, ndvi, evi, …).",
            valueName: "FILE.csv"), completion: .csvFile)
    var dates: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A STAC ItemCollection or item JSON (repeatable): each item's properties.datetime is its date, its assets its bands, its s2:processing_baseline its offset.",
            valueName: "ITEMS.json"), completion: .jsonFile)
    var stac: [String] = []

    @Option(
        name: .customLong("processing-baseline"),
        help: ArgumentHelp(
            "Sentinel-2 processing baseline of every date (e.g. 05.09) when the metadata does not say.",
            valueName: "NN.NN"))
    var processingBaseline: String?

    /// The acquisitions these options give, with `settings` applied to every date; `roles` are the roles a run
    /// needs.
    func series(_ settings: InputSettings, needing roles: [BandRole]) throws -> SeriesInputs {
        try Self.series(
            dates: dates, stac: stac, baseline: processingBaseline, settings: settings, needing: roles)
    }

    /// The acquisitions of a dates table or STAC items, with `settings` and the fallback Sentinel-2 `baseline`
    /// applied to every date; `roles` are the roles a run needs.
    static func series(
        dates: String?, stac: [String], baseline: String?, settings: InputSettings, needing roles: [BandRole]
    ) throws -> SeriesInputs {
        var setup = SensorSetup()
        try settings.apply(to: &setup)
        setup.baseline = baseline
        setup.baselineIsFallback = true
        setup.baselineParameter = .processingBaseline
        switch (dates, stac.isEmpty) {
        case (let d?, true):
            return try SeriesInputs.dates(d, setup: setup, needing: roles)
        case (nil, false):
            return try SeriesInputs.stac(stac, setup: setup, needing: roles)
        case (nil, true):
            throw VerdantError.usage("give the dates with --dates FILE.csv or --stac ITEMS.json")
        default:
            throw VerdantError.usage("--dates and --stac exclude each other: give one")
        }
    }
}
