import ArgumentParser
import Verdant

/// Options every command shares for its outputs and messages.
struct OutputOptions: ParsableArguments {
    @Flag(
        name: [.short, .long], help: "Overwrite outputs that exist already (by default an existing output is an error)."
    )
    var force = false

    @Flag(name: [.short, .long], help: "No progress and no summary; warnings and errors still go to standard error.")
    var quiet = false

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("error, warning, info or debug (default info).", valueName: "LEVEL"))
    var logLevel: Console.Level = .info

    /// Applies --quiet and --log-level to the console.
    func configure() throws {
        Console.configure(level: logLevel, quiet: quiet)
    }

    /// Execution options with a progress display for `label`.
    func execution(_ run: RunOptions, label: String) throws -> ExecutionOptions {
        var e = try run.execution()
        if let box = Console.progress(label) { e.progress = ProgressSink { box.report(done: $0, total: $1) } }
        if let box = Console.progress("\(label) parcels", unit: "parcels") {
            e.parcelProgress = ProgressSink { box.report(done: $0, total: $1) }
        }
        return e
    }
}
