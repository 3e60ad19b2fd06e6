import ArgumentParser
import Foundation
import Verdant

/// `verdant merge`: the outputs of a sharded estimate from its shards' partials.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract:
            "Merge the partials of a sharded estimate, series or credits run into its outputs, as one machine would have written them.",
        discussion: """
            Every shard of the run must be given once, all from the same command line on the same inputs with this \
            version of Verdant; the merge remakes the shards' request from the command line they kept and runs in \
            the folder they ran in (their relative paths must hold there). The table, summary and report are those \
            of the same run on one machine, byte for byte but for the run's own time. --report, --pdf and \
            --quicklook need shards run with --for-report.

            Examples:
              verdant estimate --sensor sentinel2-l2a --raster T47PQR.tif \\
                  --parcels plots.gpkg --model linear:-30,250 --shard 0/2 --out part-0.vpart
              verdant estimate --sensor sentinel2-l2a --raster T47PQR.tif \\
                  --parcels plots.gpkg --model linear:-30,250 --shard 1/2 --out part-1.vpart
              verdant merge part-0.vpart part-1.vpart --out plots.csv
            """
    )

    @Argument(
        help: ArgumentHelp("The partials of every shard (FILE.vpart).", valueName: "PARTIAL"),
        completion: .file(extensions: ["vpart"]))
    var partials: [String]

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp(
            "Output: FILE.csv, FILE.json, FILE.geojson, FILE.gpkg, or - for CSV on standard output.", valueName: "FILE"),
        completion: .files("csv", "json", "geojson", "gpkg"))
    var out: String

    @OptionGroup var extras: EstimateExtras

    @Option(
        name: .customLong("summary-out"),
        help: ArgumentHelp(
            "Shards of `series`: also write one row per parcel (FILE.csv, .json or .gpkg; -: CSV on standard output).",
            valueName: "FILE"), completion: .files("csv", "json", "gpkg"))
    var summaryOut: String?

    @OptionGroup(title: "Report") var reportOptions: ReportOptions

    @OptionGroup(title: "Output") var output: OutputOptions

    func run() throws {
        try output.configure()
        guard !partials.isEmpty else { throw VerdantError.usage("give the partials of every shard (FILE.vpart)") }
        try extras.check(out: out)
        let read = try PartialFile.read(partials)
        guard let arguments = read[0].arguments, let folder = read[0].workingDirectory else {
            throw VerdantError.input(
                file: partials[0],
                problem:
                    "holds no command line (it was not written by `verdant estimate --shard`): merge it from Swift with EstimateWorkflow.merge"
            )
        }
        let command = read[0].command
        for (p, path) in zip(read, partials).dropFirst()
        where p.command != command || p.arguments != arguments || p.workingDirectory != folder {
            throw VerdantError.input(
                file: path,
                problem: "was run with another command or command line, or in another folder, than \(partials[0])")
        }
        // The outputs are where the user asks, the shards' files where the shards had them.
        let here = FileManager.default.currentDirectoryPath
        func absolute(_ path: String?) -> String? {
            guard let path, path != "-", !path.hasPrefix("/") else { return path }
            return (here as NSString).appendingPathComponent(path)
        }
        let files = partials.map { absolute($0)! }
        let outputs = extras.outputs(table: out, report: reportOptions, overwrite: output.force, path: absolute)
        let summaryOut = absolute(self.summaryOut)
        guard command == "estimate" || command == "series" || command == "credits" else {
            throw VerdantError.input(
                file: partials[0], problem: "is a partial of '\(command)', which this Verdant cannot merge")
        }
        if command != "estimate" {
            let taken: [(String, String?)] =
                command == "series"
                ? [("--summary", extras.summary), ("--quicklook", extras.quicklook), ("--pdf", reportOptions.pdf)]
                : [("--summary", extras.summary), ("--quicklook", extras.quicklook), ("--summary-out", summaryOut)]
            for (flag, value) in taken where value != nil {
                throw VerdantError.usage("\(flag) is not an output of `verdant \(command)`, whose shards these are")
            }
            if extras.json && command == "credits" {
                throw VerdantError.usage("--json is not an output of `verdant credits`, whose shards these are")
            }
        } else if summaryOut != nil {
            throw VerdantError.usage("--summary-out is an output of `verdant series`; these are shards of estimate")
        }
        guard FileManager.default.changeCurrentDirectoryPath(folder) else {
            throw VerdantError.usage(
                "the shards ran in \(folder), which is not a folder here: run the merge where the shards' files have the same paths"
            )
        }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(here) }
        /// The shards' command, remade from the command line they kept.
        func shardCommand<C: ParsableCommand>(_ type: C.Type) throws -> C {
            do { return try C.parse(arguments + ["--out", "-"]) } catch {
                throw VerdantError.input(
                    file: partials[0],
                    problem: "holds a command line this Verdant does not take (\(C.message(for: error)))")
            }
        }
        switch command {
        case "series":
            let request = try shardCommand(SeriesCommand.self).request()
            let run = try SeriesWorkflow.merge(
                request, parts: read.map(\.parts), files: files,
                outputs: SeriesOutputs(
                    table: outputs.table, summary: summaryOut, report: outputs.report, overwrite: output.force))
            try SeriesCommand.finish(
                run, json: extras.json, printed: [out, self.summaryOut].contains("-"), quiet: output.quiet)
        case "credits":
            let (request, extraFiles) = try shardCommand(CreditsCommand.self).request()
            let inputs = CreditsCommand.inputs(request)
            try CreditsCommand.check(
                out: outputs.table, pages: [outputs.report, outputs.pdf], inputs: inputs, force: output.force)
            let report = try CreditsJob.merge(request, parts: read.map(\.parts), files: files, extraFiles: extraFiles)
            var cover = reportOptions
            cover.pdf = outputs.pdf
            try CreditsCommand.write(
                report, out: outputs.table, report: outputs.report, cover: cover, inputs: inputs, force: output.force,
                quiet: output.quiet)
        default:
            for (p, path) in zip(read, partials) where p.parts.count != 1 {
                throw VerdantError.input(file: path, problem: "holds \(p.parts.count) estimates, not one")
            }
            let request = try shardCommand(EstimateCommand.self).request()
            let run = try EstimateWorkflow.merge(
                request, partials: read.map { $0.parts[0] }, files: files, outputs: outputs)
            try EstimateCommand.finish(
                run, shown: request.inputs.warnings, json: extras.json, out: out, quiet: output.quiet)
        }
    }
}
