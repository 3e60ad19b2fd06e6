import ArgumentParser
import Foundation
import Verdant

/// `verdant run`: the jobs of a YAML job file.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the jobs of a YAML job file (map, estimate, series, composite, calibrate, credits).",
        discussion: """
            Each job names its command and gives that command's options as keys (without the leading --); lists repeat an \
            option, maps give ROLE=FILE bands; relative paths are resolved against the job file; `defaults` apply to every \
            job. Every job is checked before any runs; an error names the job file, the job and the key. The exit code is \
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

    @Argument(help: ArgumentHelp("The job file (YAML).", valueName: "JOB.yaml"), completion: .yamlFile)
    var jobFile: String

    func run() throws {
        let file = try JobFile(path: jobFile)
        // Check every job's options first.
        for job in file.jobs {
            if let problem = RunCommand.keyProblem(in: job) {
                throw VerdantError.input(file: jobFile, problem: "job '\(job.name)': \(problem)")
            }
            do { _ = try VerdantCommand.parseAsRoot(job.arguments) } catch {
                let message = RunCommand.problem(VerdantCommand.message(for: error), in: job)
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

    /// A parsing error of a job's options in the job file's words, naming the key:
    /// `key 'threads' in 'estimate': the value 'many' is invalid (expected a number)`.
    static func problem(_ message: String, in job: JobFile.Job) -> String {
        if let problem = keyProblem(in: job) { return problem }
        // The flag the message names, quoted and followed by its value name or the closing quote.
        guard
            let (flag, key) = job.keys.first(where: {
                message.contains("'\($0.key) ") || message.contains("'\($0.key)'")
            })
        else { return message }
        if let match = message.firstMatch(of: /^The value '([^']*)' is invalid for '[^']*'$/) {
            let expected = Double(match.1) == nil ? "a number" : "a whole number"
            return "key '\(key)' in '\(job.command)': the value '\(match.1)' is invalid (expected \(expected))"
        }
        return "key '\(key)' in '\(job.command)': " + message.replacingOccurrences(of: "'\(flag)", with: "'\(key)")
    }

    /// A key the job's command does not have (`unknown key 'parcel' in 'estimate' (did you mean 'parcels'?)`),
    /// or a list for an option that takes one value; nil when the keys are right.
    static func keyProblem(in job: JobFile.Job) -> String? {
        guard let options = CommandOptions(subcommand: job.command) else { return nil }
        if let (flag, near) = options.unknown(in: Array(job.arguments.dropFirst())) {
            let key = job.keys[flag] ?? String(flag.dropFirst(2))
            let suggestion = near.map { " (did you mean '\($0.dropFirst(2))'?)" } ?? ""
            return "unknown key '\(key)' in '\(job.command)'\(suggestion)"
        }
        let given = job.arguments.filter { $0.hasPrefix("--") }
        for flag in given.sorted() where given.filter({ $0 == flag }).count > 1 {
            if let option = options.option(flag), !option.isRepeating, let key = job.keys[flag] {
                return "key '\(key)' in '\(job.command)' takes one value, not a list"
            }
        }
        return nil
    }
}
