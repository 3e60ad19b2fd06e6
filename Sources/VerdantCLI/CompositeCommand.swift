import ArgumentParser
import Foundation
import Verdant

/// `verdant composite`: many dates reduced cell by cell to one cloud-free raster.
struct CompositeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "composite",
        abstract: "Reduce many dates, cell by cell, to one raster of every band (median, mean, percentile, greenest).",
        discussion: """
            Per cell, over the dates that observe it (masks, nodata and clouds excluded exactly as in estimate): \
            median (an even count: the mean of the two middle values), mean, min, max, pNN (percentile, linear \
            between order statistics as numpy's default), each band by itself; max-ndvi takes every band from the \
            date of the highest NDVI (ties: the earliest date). The output is a COG with one band per input role, \
            described by the role's name (so `estimate --raster composite.tif --red red --nir nir` reads it), then \
            the index; NaN where no date is observed. --count-out writes the number of observed dates (UInt16).

            Examples:
              verdant composite --dates dates.csv --sensor sentinel2-l2a --method median \\
                  --out median.tif
              verdant composite --stac items.json --sensor sentinel2-l2a \\
                  --method max-ndvi --from 2024-01-01 --to 2024-03-31 --out greenest.tif \\
                  --count-out count.tif
            """
    )

    @OptionGroup(title: "Dates") var dates: DateOptions
    @OptionGroup(title: "Input settings (every date)") var settings: InputSettings

    @Option(
        name: .long, help: ArgumentHelp("median, mean, min, max, pNN (e.g. p90) or max-ndvi.", valueName: "M"),
        completion: .list(["median", "mean", "min", "max", "p90", "max-ndvi"]))
    var method: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The index written beside the bands (and, with max-ndvi, the one maximised): ndvi, evi, savi, msavi2, ndre, gndvi (default ndvi).",
            valueName: "INDEX"))
    var index: SpectralIndex = .ndvi

    @Option(name: .long, help: ArgumentHelp("The first date taken (ISO 8601).", valueName: "DATE"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("The last date taken (ISO 8601).", valueName: "DATE"))
    var to: String?

    @Option(
        name: [.customShort("o"), .long], help: ArgumentHelp("The composite (a COG).", valueName: "FILE.tif"),
        completion: .geoTIFFFile)
    var out: String

    @Option(
        name: .customLong("count-out"),
        help: ArgumentHelp("Also write the number of observed dates per cell (UInt16 COG).", valueName: "FILE.tif"),
        completion: .geoTIFFFile)
    var countOut: String?

    @Option(name: .long, help: "COG compression: deflate or zstd.")
    var compress: COGOptions.Compression = .deflate

    @Flag(name: .long, help: "Print the figures as one JSON object.")
    var json = false

    @OptionGroup(title: "Output") var output: OutputOptions
    @OptionGroup(title: "Run") var runOptions: RunOptions

    func run() throws {
        try output.configure()
        let method = try CompositeMethod(parsing: self.method)
        func date(_ text: String?, _ parameter: Parameter) throws -> AcquisitionDate? {
            try text.map {
                guard let d = AcquisitionDate($0) else {
                    throw VerdantError.invalidParameter(parameter, problem: "'\($0)' is not an ISO 8601 date")
                }
                return d
            }
        }
        let series = try dates.series(settings, needing: index.roles + [index.bandRole])
            .between(try date(from, .from), try date(to, .to))
        var request = CompositeRequest(series: series, method: method, output: out)
        request.index = index
        request.countOutput = countOut
        request.execution = try output.execution(runOptions, label: "composite")
        request.cog = COGOptions(compression: compress)
        request.overwrite = output.force
        let summary = try CompositeJob.run(request)
        for w in summary.warnings { Console.warn(w) }
        if json {
            try Console.output(
                try OutputSchema.compositeSummary.stamped([
                    "bands": .array(summary.bands.map { .string($0) }),
                    "dates": .array(summary.dates.map { .string($0.text) }),
                    "cells": .integer(Int64(summary.cells)),
                    "observed_cells": .integer(Int64(summary.observedCells)),
                    "outputs": .array(summary.outputs.map { .string($0) }),
                    "warnings": .array(summary.warnings.map { .string($0) })
                ]).text())
        } else if !output.quiet {
            try Console.output(
                "\(summary.dates.count) dates → \(summary.bands.joined(separator: ", ")); \(summary.observedCells) of \(summary.cells) cells observed\nwrote \(summary.outputs.joined(separator: ", "))"
            )
        }
    }
}
