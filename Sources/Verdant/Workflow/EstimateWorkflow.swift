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

    private static func write(_ request: EstimateRequest, _ outputs: EstimateOutputs) throws -> EstimateRun {
        try outputs.validate()
        let inputs = request.inputs
        let protected = inputs.bands.values.flatMap(\.paths) + [request.parcels.path]
        let overwrite = outputs.overwrite
        try ReportWriter.check(outputs.table, inputs: protected, overwrite: overwrite)
        for extra in outputs.extras { _ = try OutputPath(extra, inputs: protected, overwrite: overwrite) }
        var request = request
        let picture = outputs.quicklook != nil || outputs.report != nil
        // The quicklook's NDVI picture comes from the estimate's own tile pass.
        if picture && request.ndviPictureSize == nil { request.ndviPictureSize = 800 }
        // The report's input checksums are computed while the estimate runs.
        let digests = outputs.report == nil ? nil : FileDigests(protected)
        let result = try EstimateJob.run(request)
        try ReportWriter.write(result, to: outputs.table, inputs: protected, overwrite: overwrite)
        let png = picture ? try quicklook(result, request, outputs, protected: protected) : nil
        if let report = outputs.report {
            let checksums = digests?.wait() ?? [:]
            try OutputPath(report, inputs: protected, overwrite: overwrite)
                .write(Data(HTMLReport.html(result, quicklookPNG: png, checksums: checksums).utf8))
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

    /// Draws the scene's NDVI (from the estimate's tile pass) with the parcels outlined; writes it to the
    /// quicklook output when one is wanted, and returns the PNG (for the report).
    private static func quicklook(
        _ result: EstimateReport, _ request: EstimateRequest, _ outputs: EstimateOutputs,
        protected: [String]
    ) throws -> Data? {
        let scratch =
            NSTemporaryDirectory()
            + "verdant-quicklook-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        TemporaryFiles.note(scratch)
        defer { TemporaryFiles.remove(scratch) }
        var quiet = request.execution
        quiet.progress = nil
        quiet.parcelProgress = nil
        let ndvi =
            try result.ndviPicture
            ?? QuicklookRaster.ndvi(inputs: request.inputs, masks: request.masks, execution: quiet)
        try ndvi.write(to: scratch + "/ndvi.tif")
        let png = outputs.quicklook ?? scratch + "/quicklook.png"
        // A quicklook only for the report is a scratch file, written at once; the user's is published with the rest.
        let publication = outputs.quicklook == nil ? nil : Publication.current
        try Publication.$current.withValue(publication) {
            try Quicklook.write(
                raster: scratch + "/ndvi.tif", parcels: result.parcels.parcels.map(\.geometry), label: "NDVI",
                unit: "", to: try OutputPath(png, inputs: protected, overwrite: outputs.overwrite))
        }
        return FileManager.default.contents(atPath: Publication.current?.readablePath(png) ?? png)
    }
}
