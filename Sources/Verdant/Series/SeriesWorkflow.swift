import Foundation

/// `verdant series` as one call: runs the series and writes its tables and report, published together (a Swift
/// program gets the command-line tool's outputs, byte for byte).
public enum SeriesWorkflow {
    /// Runs `request` and writes `outputs`. Every output is checked before any work (an existing one is an error
    /// unless `overwrite`), and none is left when the run fails. A partial result (failed or outside parcels) is
    /// not thrown: it is in the run's `problems` and `exitCode`.
    public static func run(_ request: SeriesRequest, outputs: SeriesOutputs) throws -> SeriesRun {
        if Publication.current != nil { return try write(request, outputs) }
        return try Publication.together { try write(request, outputs) }
    }

    /// Runs shard `shard` of `request` and writes its partial to `partial` (a `.vpart` file; see
    /// `EstimateWorkflow.runShard`).
    public static func runShard(
        _ request: SeriesRequest, shard: Shard, partial path: String, overwrite: Bool = false,
        arguments: [String]? = nil, workingDirectory: String? = nil
    ) throws -> ShardPartial {
        try PartialFile.run(
            command: "series", shard: shard, to: path, inputs: protected(request), overwrite: overwrite,
            arguments: arguments, workingDirectory: workingDirectory
        ) { try SeriesJob.runShard(request, shard: shard) }
    }

    /// Merges the partials of a sharded series (`parts[k]`: a shard's parts, one per date) and writes
    /// `outputs`, as `run` would have on one machine.
    public static func merge(
        _ request: SeriesRequest, parts: [[EstimatePartial]], files: [String]? = nil, outputs: SeriesOutputs
    ) throws -> SeriesRun {
        let make = { try SeriesJob.merge(request, parts: parts, files: files) }
        if Publication.current != nil { return try write(request, outputs, make: make) }
        return try Publication.together { try write(request, outputs, make: make) }
    }

    /// The files a series reads: every date's rasters and dates table entries, and the parcels.
    static func protected(_ request: SeriesRequest) -> [String] {
        request.series.acquisitions.flatMap { $0.inputs.bands.values.flatMap(\.paths) + [$0.file] }
            + [request.parcels.path]
    }

    private static func write(
        _ request: SeriesRequest, _ outputs: SeriesOutputs, make: (() throws -> SeriesReport)? = nil
    ) throws -> SeriesRun {
        try outputs.validate()
        let protected = protected(request)
        // `-`: that table as CSV on standard output.
        // A CSV's column types go beside it (its `.csvt`): that file, too, is refused before any work when it exists.
        func path(_ p: String) throws -> OutputPath? {
            guard p != "-" else { return nil }
            if p.lowercased().hasSuffix(".csv") {
                _ = try OutputPath(CSVReport.csvtPath(beside: p), inputs: protected, overwrite: outputs.overwrite)
            }
            return try OutputPath(p, inputs: protected, overwrite: outputs.overwrite)
        }
        let table = try path(outputs.table)
        let summary = try outputs.summary.map { try path($0) }
        let html = try outputs.report.map { try OutputPath($0, inputs: protected, overwrite: outputs.overwrite) }
        let report = try make?() ?? SeriesJob.run(request)
        if let table {
            try SeriesWriter.writeRows(report, to: table)
        } else {
            try StandardOutput.write(SeriesWriter.rowsCSV(report))
        }
        switch summary {
        case .some(let summary?): try SeriesWriter.writeSummary(report, to: summary)
        case .some(nil): try StandardOutput.write(SeriesWriter.summaryCSV(report))
        case nil: break
        }
        if let html { try html.write(Data(SeriesHTMLReport.html(report).utf8)) }
        return SeriesRun(report: report, outputs: outputs.all, problems: report.problems)
    }
}

/// What a series with its outputs gave: the result, the files written, what makes it partial, its exit code.
public struct SeriesRun: RunOutcome, Sendable {
    /// The result.
    public let report: SeriesReport
    /// The outputs written, table first.
    public let outputs: [String]
    /// What makes the result partial (failed or outside parcels); empty when complete.
    public let problems: [String]
    /// A summary for pipelines: dates, alerts, warnings, outputs, exit code.
    public var summary: JSONValue {
        OutputSchema.seriesRun.stamped([
            "dates": .array(report.dates.map { .string($0.text) }),
            "alerts": .array(
                report.trends.filter { $0.alertDate != nil }.map {
                    .object(["parcel_id": .string($0.parcelID), "alert_date": .string($0.alertDate!.text)])
                }),
            "warnings": .array(report.warnings.map { .string($0) }),
            "outputs": .array(outputs.map { .string($0) }),
            "exit_code": .integer(Int64(exitCode))
        ])
    }
}
