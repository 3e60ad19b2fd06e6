import Foundation

/// Runs `verdant series`: the parcels are read and their coverage computed once, on one analysis grid; each
/// date's tiles under parcels are read once; every date gets exactly the figures `estimate` gives it.
public enum SeriesJob {
    /// Runs the request. Every date is resolved and checked (files, grids) before any work.
    public static func run(_ request: SeriesRequest) throws -> SeriesReport {
        let plan = try plan(request)
        var estimates: [EstimateReport] = []
        var prepared: PreparedParcels?
        for (a, e) in zip(plan.acquisitions, plan.estimates) {
            let (report, parcels, _) = try naming(a, request) {
                try EstimateJob.run(e, reusing: prepared, onlyIfSameGrid: false)
            }
            prepared = parcels
            estimates.append(report)
        }
        return assemble(request, plan: plan, estimates: estimates)
    }

    /// What a series runs: its dates on their common grid, its monitor, and each date's estimate request.
    struct Plan {
        /// The dates, resolved.
        var acquisitions: [Acquisition]
        /// The disturbance monitor over their dates.
        var monitor: DisturbanceMonitor
        /// Each date's estimate.
        var estimates: [EstimateRequest]
        /// The model's index's green threshold.
        var greenThreshold: Double?
        /// The index.
        var index: SpectralIndex
    }

    /// Checks the request and makes its plan.
    static func plan(_ request: SeriesRequest) throws -> Plan {
        try request.execution.validate()
        guard request.minObserved.isFinite, (0...1).contains(request.minObserved) else {
            throw VerdantError.invalidParameter(
                .minObserved, problem: "must be between 0 and 1 (got \(request.minObserved))")
        }
        let model = request.model ?? BiomassModel.example.taking(request.index)
        let index = model.index
        let rules = try CellRules(model: model, masks: request.series.masks)
        let greenThreshold = try GreenCover.threshold(request.greenThreshold, for: index)
        let (acquisitions, _, _) = try request.series.onCommonGrid(roles: { rules.requiredRoles(for: $0) })
        let monitor = try self.monitor(request, dates: acquisitions.map(\.date))
        let estimates = acquisitions.map { a in
            var e = EstimateRequest(
                inputs: a.inputs, parcels: request.parcels, model: model, masks: request.series.masks,
                minObserved: request.minObserved, execution: request.execution)
            e.factorChoice = request.factorChoice
            e.classField = request.classField
            e.greenThreshold = request.greenThreshold
            return e
        }
        return Plan(
            acquisitions: acquisitions, monitor: monitor, estimates: estimates, greenThreshold: greenThreshold,
            index: index)
    }

    /// Runs `body` for date `a`; an input error of a file of that date names the date.
    static func naming<T>(_ a: Acquisition, _ request: SeriesRequest, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as VerdantError
            where error.exitCode == 2
            && error.file != request.parcels.path
        {
            throw VerdantError.input(file: a.file, problem: "\(a.origin): \(error.description)")
        }
    }

    /// The series' report from every date's estimate: each parcel's trend, the warnings, the layer.
    static func assemble(_ request: SeriesRequest, plan: Plan, estimates: [EstimateReport]) -> SeriesReport {
        let dates = plan.acquisitions.map(\.date)
        let monitor = plan.monitor
        let layer = estimates.last!.parcels
        let trends = layer.parcels.indices.map { p in
            ParcelTrend(
                parcelID: layer.parcels[p].id, dates: dates, figures: estimates.map { $0.rows[p] },
                minObserved: request.minObserved, monitor: monitor, hasModel: request.model != nil)
        }
        var warnings: [String] = []
        for w in estimates.flatMap({ $0.metadata.warnings }) where !warnings.contains(w) {
            // The illustrative model stands in for a missing one: no biomass is written, so its warning is moot.
            if request.model == nil && w == BiomassModel.example.warning { continue }
            warnings.append(w)
        }
        if let last = dates.last, !dates.contains(where: { $0.years > monitor.baseline.upperBound }) {
            warnings.append(
                String(
                    naming:
                        "the baseline period covers every date up to the last (\(last.text)): no date is monitored, so no alert can be raised; give \(param: .seriesBaseline) FROM/TO ending before the dates to monitor"
                ))
        }
        return SeriesReport(
            acquisitions: plan.acquisitions, estimates: estimates, trends: trends, index: plan.index,
            hasModel: request.model != nil, greenThreshold: plan.greenThreshold,
            baseline: request.baseline, warnings: warnings, parcels: layer)
    }

    /// Runs shard `shard` of the series: each date's estimate's part, in date order.
    public static func runShard(_ request: SeriesRequest, shard: Shard) throws -> [EstimatePartial] {
        let plan = try plan(request)
        return try zip(plan.acquisitions, plan.estimates).map { a, e in
            try naming(a, request) { try EstimateShard.run(e, shard: shard) }
        }
    }

    /// The series' report from the partials of every shard (`parts[k]`: shard k's parts, one per date), the same
    /// to the bit as `run` on one machine.
    public static func merge(
        _ request: SeriesRequest, parts: [[EstimatePartial]], files: [String]? = nil
    ) throws -> SeriesReport {
        let plan = try plan(request)
        let names = files ?? parts.indices.map { "partial \($0)" }
        for (p, name) in zip(parts, names) where p.count != plan.estimates.count {
            throw VerdantError.input(
                file: name, problem: "holds \(p.count) dates, not the \(plan.estimates.count) of the series")
        }
        let estimates = try plan.estimates.indices.map { d in
            try EstimateMerge.report(plan.estimates[d], partials: parts.map { $0[d] }, files: names)
        }
        return assemble(request, plan: plan, estimates: estimates)
    }

    /// The disturbance monitor of the request over `dates`: its baseline (the request's, or the first 12 months),
    /// checked to hold at least one date.
    static func monitor(_ request: SeriesRequest, dates: [AcquisitionDate]) throws -> DisturbanceMonitor {
        let year = 86_400 * 365.25
        let window: ClosedRange<Double>
        if let b = request.baseline {
            // A date without a time stands for its whole day.
            let end = b.upperBound.hasTime ? b.upperBound.seconds : b.upperBound.seconds + 86_400 - 0.001
            window = b.lowerBound.years...(end / year)
            guard dates.contains(where: { window.contains($0.years) }) else {
                throw VerdantError.invalidParameter(
                    .seriesBaseline,
                    problem:
                        "\(b.lowerBound.text)/\(b.upperBound.text) holds none of the series' \(dates.count) dates (\(dates.first!.text) to \(dates.last!.text)): the seasonal model needs observed dates in it"
                )
            }
        } else {
            let t0 = dates[0].years
            window = t0...(t0 + 1 - 1e-9)
        }
        let monitor = DisturbanceMonitor(
            harmonics: request.harmonics, baseline: window, drop: request.drop, sigmas: request.sigmas,
            confirm: request.confirm)
        try monitor.validate()
        return monitor
    }
}
