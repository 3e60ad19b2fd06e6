/// What an estimate with its outputs gave: the result, the files written, what makes it partial, its exit code.
public struct EstimateRun: RunOutcome, Sendable {
    /// The result.
    public let report: EstimateReport
    /// The outputs asked for, table first (all written).
    public let outputs: [String]
    /// What makes the result partial (failed or outside parcels, too much unobserved area); empty when complete.
    public let problems: [String]

    /// A summary for pipelines: totals, warnings, outputs, failed, outside and low-observed parcels, exit code.
    public var summary: JSONValue {
        var o: [String: JSONValue] = [:]
        if case .object(let full) = JSONReport.value(report) {
            o["totals"] = full["totals"]; o["warnings"] = full["warnings"]
        }
        o["outputs"] = .array(outputs.map { .string($0) })
        o["failed_parcels"] = .array(report.rows.filter(\.failed).map { .string($0.parcelID) })
        o["outside_parcels"] = .array(report.rows.filter(\.outsideRaster).map { .string($0.parcelID) })
        o["low_observed_parcels"] = .array(report.rows.filter(\.lowObserved).map { .string($0.parcelID) })
        o["exit_code"] = .integer(Int64(exitCode))
        return OutputSchema.estimateSummary.stamped(o)
    }
}

/// A run whose outputs were written: complete, or partial with its problems named.
public protocol RunOutcome {
    /// What makes the result partial; empty when complete.
    var problems: [String] { get }
}

extension RunOutcome {
    /// The exit code of the run: 0 complete, 3 partial (the outputs were written and flag it).
    public var exitCode: Int32 { problems.isEmpty ? 0 : 3 }

    /// The partial-result error to report, when the result is partial.
    public var partialError: VerdantError? {
        problems.isEmpty ? nil : .partial("\(problems.joined(separator: "; ")); the outputs were written and flag it")
    }
}
