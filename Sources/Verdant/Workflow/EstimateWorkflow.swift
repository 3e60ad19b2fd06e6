import Foundation

/// `verdant estimate` as one call: runs the estimate and writes its table, HTML report, Markdown summary and
/// quicklook, all published together (a Swift program gets the command-line tool's outputs, byte for byte).
public enum EstimateWorkflow {
    /// Runs `request` and writes `outputs`. Every output is checked before any work (an existing one is an error
    /// unless `overwrite`), and none is left when the run fails. Outputs are published together at the end, within
    /// the current `Publication` if there is one, else on their own. A partial result (failed or outside parcels,
    /// too much unobserved area) is not thrown: it is in the run's `problems` and `exitCode`.
    public static func run(_ request: EstimateRequest, outputs: EstimateOutputs) throws -> EstimateRun {
        if Publication.current != nil { return try write(request, outputs) }
        return try Publication.together { try write(request, outputs) }
    }

    /// Runs shard `shard` of `request` and writes its partial to `partial` (a `.vpart` file, in one step; an
    /// existing partial of the same shard of the same run is replaced, any other file refused unless
    /// `overwrite`). `arguments` and `workingDirectory`, when given, are kept in it for `verdant merge`.
    public static func runShard(
        _ request: EstimateRequest, shard: Shard, partial path: String, forReport: Bool = false,
        overwrite: Bool = false, arguments: [String]? = nil, workingDirectory: String? = nil
    ) throws -> ShardPartial {
        try PartialFile.run(
            command: "estimate", shard: shard, to: path, inputs: EstimateShard.inputFiles(request),
            overwrite: overwrite, arguments: arguments, workingDirectory: workingDirectory
        ) { [try EstimateShard.run(request, shard: shard, pictureSize: forReport ? pictureSize : nil)] }
    }

    /// Merges the partials of a sharded run of `request` and writes `outputs`, as `run` would have on one
    /// machine (the same bytes but for the run's own time in the JSON and report). `files` are where the
    /// partials were read from, for errors. The report, PDF and quicklook need the shards' picture
    /// (`forReport`).
    public static func merge(
        _ request: EstimateRequest, partials: [EstimatePartial], files: [String]? = nil, outputs: EstimateOutputs
    ) throws -> EstimateRun {
        let merging = Merging(partials: partials, files: files ?? partials.map { "shard \($0.shard)" })
        if Publication.current != nil { return try write(request, outputs, merging: merging) }
        return try Publication.together { try write(request, outputs, merging: merging) }
    }

    /// Partials to merge instead of running.
    private struct Merging {
        var partials: [EstimatePartial]
        var files: [String]
    }

    private static func write(
        _ request: EstimateRequest, _ outputs: EstimateOutputs, merging: Merging? = nil
    ) throws -> EstimateRun {
        try outputs.validate()
        let inputs = request.inputs
        let protected = inputs.bands.values.flatMap(\.paths) + [request.parcels.path]
        let overwrite = outputs.overwrite
        try ReportWriter.check(outputs.table, inputs: protected, overwrite: overwrite)
        for extra in outputs.extras { _ = try OutputPath(extra, inputs: protected, overwrite: overwrite) }
        // Chromium is looked for before any work, so that a missing one fails at once.
        if outputs.pdf != nil { _ = try PDFRenderer.chromium() }
        var request = request
        let report = outputs.report != nil || outputs.pdf != nil
        let picture = outputs.quicklook != nil || report
        // The quicklook's and the report map's NDVI picture comes from the estimate's own tile pass.
        if picture && request.ndviPictureSize == nil { request.ndviPictureSize = pictureSize }
        if let merging, picture, merging.partials.contains(where: { $0.pictureSize == nil }) {
            throw VerdantError.usage(
                "\(param: .report), \(param: .pdf) and \(param: .quicklook) need the scene's picture, which the partials do not hold: run the shards with \(param: .forReport)"
            )
        }
        // The report's input checksums are computed while the estimate runs (or the partials are merged).
        let digests = report ? FileDigests(protected) : nil
        let result =
            try merging.map { try EstimateMerge.report(request, partials: $0.partials, files: $0.files) }
            ?? EstimateJob.run(request)
        try ReportWriter.write(result, to: outputs.table, inputs: protected, overwrite: overwrite)
        let ndvi = picture ? try ndviPicture(result, request) : nil
        if let ndvi, outputs.quicklook != nil { try quicklook(ndvi, result, outputs, protected: protected) }
        if report, let ndvi {
            let checksums = digests?.wait() ?? [:]
            let html = try HTMLReport.html(result, picture: ndvi, heading: outputs.heading, checksums: checksums)
            if let path = outputs.report {
                try OutputPath(path, inputs: protected, overwrite: overwrite).write(Data(html.utf8))
            }
            if let pdf = outputs.pdf {
                try OutputPath(pdf, inputs: protected, overwrite: overwrite).write(try PDFRenderer.pdf(of: html))
            }
        }
        if let summary = outputs.summary {
            try OutputPath(summary, inputs: protected, overwrite: overwrite).write(
                Data(MarkdownSummary.text(result).utf8))
        }
        var problems = result.problems
        let unobserved = result.totals.unobservedFraction ?? 0
        if let f = outputs.failOnUnobserved, unobserved > f {
            problems.append(
                String(
                    naming:
                        "\(String(format: "%.1f", unobserved * 100)) % of the parcels' area is unobserved, over \(param: .failOnUnobserved) \(String(format: "%.1f", f * 100)) %"
                ))
        }
        return EstimateRun(report: result, outputs: [outputs.table] + outputs.extras, problems: problems)
    }

    /// The size of the NDVI picture of the quicklook and the report's map, cells on its long side (the quicklook
    /// draws it at 800; the report's map wants at least 1,000).
    static let pictureSize = 1200

    /// The scene's NDVI picture: the estimate's own, else from a pass of its own.
    private static func ndviPicture(_ result: EstimateReport, _ request: EstimateRequest) throws -> NDVIPicture {
        if let picture = result.ndviPicture { return picture }
        var quiet = request.execution
        quiet.progress = nil
        quiet.parcelProgress = nil
        return try QuicklookRaster.ndvi(
            inputs: request.inputs, masks: request.masks, execution: quiet, maxSize: pictureSize)
    }

    /// Draws the scene's NDVI picture with the parcels outlined into the quicklook output.
    private static func quicklook(
        _ ndvi: NDVIPicture, _ result: EstimateReport, _ outputs: EstimateOutputs, protected: [String]
    ) throws {
        guard let png = outputs.quicklook else { return }
        let scratch =
            NSTemporaryDirectory()
            + "verdant-quicklook-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        TemporaryFiles.note(scratch)
        defer { TemporaryFiles.remove(scratch) }
        try ndvi.write(to: scratch + "/ndvi.tif")
        try Quicklook.write(
            raster: scratch + "/ndvi.tif", parcels: result.parcels.parcels.map(\.geometry), label: "NDVI",
            unit: "", to: try OutputPath(png, inputs: protected, overwrite: outputs.overwrite))
    }
}
