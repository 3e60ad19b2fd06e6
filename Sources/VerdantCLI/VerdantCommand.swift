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
        subcommands: [EstimateCommand.self, MapCommand.self, CalibrateCommand.self, CreditsCommand.self, RunCommand.self, PresetsCommand.self]
    )

    /// Parses the arguments, runs the command and exits with Verdant's documented exit codes.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as VerdantError {
            Console.standardError("verdant: error: \(error)\n")
            Foundation.exit(error.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error)
            }
            Console.standardError(fullMessage(for: error) + "\n")
            Foundation.exit(code == .validationFailure ? 1 : code.rawValue)
        }
    }
}
