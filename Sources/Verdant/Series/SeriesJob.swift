import Foundation

/// Runs `verdant series`: the parcels are read and their coverage computed once, on one analysis grid; each
/// date's tiles under parcels are read once; every date gets exactly the figures `estimate` gives it.
public enum SeriesJob {
    /// Runs the request. Every date is resolved and checked (files, grids) before any work.
    public static func run(_ request: SeriesRequest) throws -> SeriesReport {
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
        let dates = acquisitions.map(\.date)
        let monitor = try self.monitor(request, dates: dates)

        var estimates: [EstimateReport] = []
        var prepared: PreparedParcels?
        for a in acquisitions {
            var e = EstimateRequest(
                inputs: a.inputs, parcels: request.parcels, model: model, masks: request.series.masks,
                minObserved: request.minObserved, execution: request.execution)
            e.factorChoice = request.factorChoice
            e.classField = request.classField
            e.greenThreshold = request.greenThreshold
            do {
                let (report, parcels, _) = try EstimateJob.run(e, reusing: prepared, onlyIfSameGrid: false)
                prepared = parcels
                estimates.append(report)
            } catch let error as VerdantError where error.exitCode == 2 && error.file != request.parcels.path {
                // A file of a later date: say which date it belongs to.
                throw VerdantError.input(file: a.file, problem: "\(a.origin): \(error.description)")
            }
        }
        let layer = prepared!.layer
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
            acquisitions: acquisitions, estimates: estimates, trends: trends, index: index,
            hasModel: request.model != nil, greenThreshold: greenThreshold,
            baseline: request.baseline, warnings: warnings, parcels: layer)
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
