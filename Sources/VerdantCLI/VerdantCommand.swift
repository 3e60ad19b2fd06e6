import ArgumentParser
import Foundation
import Verdant

/// The `verdant` command: biomass and carbon of green areas from satellite and drone rasters.
@main
struct VerdantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verdant",
        abstract: "Estimate above-ground biomass and carbon of green areas from satellite and drone rasters.",
        discussion: """
            Figures are estimates for carbon-project work, not issued credits.

            Exit codes: 0 success, 1 usage error, 2 input or output error, 3 partial result (outputs written but some \
            parcels failed, or --fail-on-unobserved was exceeded), 4 internal error.
            """,
        version: "verdant \(VerdantVersion.verdant) (GDAL \(VerdantVersion.gdal))",
        subcommands: [
            EstimateCommand.self, MapCommand.self, SeriesCommand.self, CompositeCommand.self, ClassifyCommand.self,
            CalibrateCommand.self,
            CreditsCommand.self, MergeCommand.self, RunCommand.self,
            PresetsCommand.self
        ]
    )

    /// Parses the arguments, runs the command and exits with Verdant's documented exit codes. All outputs of a
    /// run are published together at its end (also for a partial result, exit 3); a failed or interrupted run
    /// leaves none, and no temporary file or lock.
    static func main() {
        ProcessSetup.forTileWork()
        Interruption.install()
        FlagNames.install()
        // The exit code is decided in a function of its own, so that the error (and what it holds) is released
        // before the process exits.
        let code = runReportingErrors()
        ProgressLine.clear()
        StandardInput.remove()
        if code != 0 && code != 3 { TemporaryFiles.removeAll() }
        OutputLocks.releaseAll()
        Foundation.exit(code)
    }

    /// Parses and runs the command; prints an error in one line and returns its exit code (0 on success).
    private static func runReportingErrors() -> Int32 {
        if let problem = unknownSubcommand(Array(CommandLine.arguments.dropFirst())) {
            Console.standardError("verdant: error: \(problem)\n")
            return 1
        }
        do {
            var command = try parseAsRoot()
            try publishing { try command.run() }
            return 0
        } catch let error as VerdantError {
            Console.standardError("verdant: error: \(StandardInput.naming("\(error)"))\n")
            return error.exitCode
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                OutputLocks.releaseAll()
                exit(withError: error)
            }
            // A misspelt option is the error to report, before any missing one.
            if let problem = unknownOption(Array(CommandLine.arguments.dropFirst())) {
                Console.standardError("verdant: error: \(problem)\n")
                return 1
            }
            Console.standardError(fullMessage(for: error) + "\n")
            return code == .validationFailure ? 1 : code.rawValue
        }
    }

    /// The problem with the first argument when it is no subcommand (the root command takes no arguments of its
    /// own): `unknown command 'estimat' (did you mean 'estimate'?)`; nil when it is one, or an option.
    static func unknownSubcommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(first) else { return nil }
        if let near = Suggestion.closest(to: first, in: names) {
            return "unknown command '\(first)' (did you mean '\(near)'?)"
        }
        return "unknown command '\(first)' (commands: \(names.joined(separator: ", ")))"
    }

    /// The first option of `arguments` that its subcommand does not have, with the closest it has:
    /// `unknown option '--rastr' for estimate (did you mean '--raster'?)`; nil when every option is known.
    static func unknownOption(_ arguments: [String]) -> String? {
        guard let first = arguments.first, let options = CommandOptions(subcommand: first),
            let (name, near) = options.unknown(in: Array(arguments.dropFirst()))
        else { return nil }
        return "unknown option '\(name)' for \(first) "
            + (near.map { "(did you mean '\($0)'?)" } ?? "(see 'verdant \(first) --help')")
    }

    /// Runs `body` with a publication current and publishes its outputs together at the end: after success or a
    /// partial result (exit 3); any other error removes them.
    static func publishing(_ body: () throws -> Void) throws {
        let publication = Publication()
        do {
            try Publication.$current.withValue(publication) { try body() }
        } catch let error as VerdantError where error.exitCode == 3 {
            try publication.publish()
            throw error
        } catch {
            publication.abandon()
            throw error
        }
        try publication.publish()
    }
}
