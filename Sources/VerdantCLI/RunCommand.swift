import ArgumentParser
import Foundation
import Verdant

/// `verdant run`: the jobs of a YAML job file.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the jobs of a YAML job file (map, estimate, series, composite, calibrate, credits).",
        discussion: """
            Each job names its command and gives that command's options as keys (without the leading --); lists repeat an
            option, maps give ROLE=FILE bands; relative paths are resolved against the job file; `defaults` apply to every
            job. Every job is checked before any runs; an error names the job file, the job and the key. The exit code is
            the highest of the jobs'.

            Example job file:
              defaults:
                sensor: sentinel2-l2a
                model: linear:-30,250
              jobs:
                - name: plots-2024
                  command: estimate
                  raster: S2_2024.tif
                  band: {scl: SCL_2024.tif}
                  parcels: plots.geojson
                  id-field: parcel_id
                  out: out/plots-2024.csv
                - name: maps-2024
                  command: map
                  raster: S2_2024.tif
                  ndvi-out: out/ndvi-2024.tif
            """
    )

    @Argument(help: ArgumentHelp("The job file (YAML).", valueName: "JOB.yaml"))
    var jobFile: String

    func run() throws {
        let file = try JobFile(path: jobFile)
        // Check every job's options first.
        for job in file.jobs {
            do { _ = try VerdantCommand.parseAsRoot(job.arguments) } catch {
                var message = VerdantCommand.message(for: error)
                for (flag, key) in job.keys where message.contains(flag) {
                    message =
                        "key '\(key)': "
                        + message.replacingOccurrences(
                            of: "Unknown option '\(flag)'", with: "unknown for \(job.command)")
                    break
                }
                throw VerdantError.input(file: jobFile, problem: "job '\(job.name)': \(message)")
            }
        }
        var worst: Int32 = 0
        for job in file.jobs {
            Console.note("job '\(job.name)': verdant \(job.arguments.joined(separator: " "))")
            do {
                var command = try VerdantCommand.parseAsRoot(job.arguments)
                // Each job publishes its own outputs together (a failed job leaves none; the others are kept).
                try VerdantCommand.publishing { try command.run() }
            } catch let error as VerdantError {
                Console.standardError("verdant: error: \(jobFile): job '\(job.name)': \(error)\n")
                worst = max(worst, error.exitCode)
            } catch {
                Console.standardError(
                    "verdant: error: \(jobFile): job '\(job.name)': \(VerdantCommand.message(for: error))\n")
                worst = max(worst, 4)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}
