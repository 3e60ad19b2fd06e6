import Foundation
import FuzzSupport
@testable import JobFileReader
import Verdant

/// The fuzzer's entry point: libFuzzer's driver on `fuzzJobFile`.
@main enum JobFileFuzzer {
    static func main() { FuzzMain.run(fuzzJobFile) }
}

/// Fuzzes the job-file reader: any bytes either throw a `VerdantError` or give a non-empty list of jobs, each
/// starting with its command (one of the four), every other argument following an option it came from.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJobFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = FuzzScratch.write(data, size, name: "job.yaml")
    let file: JobFile
    do { file = try JobFile(path: path) } catch {
        FuzzCheck.require(error is VerdantError, "JobFile threw \(error), not a VerdantError")
        return 0
    }
    FuzzCheck.require(!file.jobs.isEmpty, "no jobs")
    for job in file.jobs {
        FuzzCheck.require(
            job.arguments.first == job.command && JobFile.commands.contains(job.command),
            "job \(job.name): \(job.arguments)")
        // Each option names a key of the job (or of the defaults); values sit between options.
        var expectOption = true
        for argument in job.arguments.dropFirst() {
            if argument.hasPrefix("--"),
                job.keys[argument] != nil || job.keys.values.contains(where: { "--" + $0 == argument })
            {
                expectOption = false
                continue
            }
            FuzzCheck.require(
                !expectOption, "job \(job.name): a value \(argument) before any option in \(job.arguments)")
        }
    }
    return 0
}
