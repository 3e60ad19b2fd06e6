import Foundation
import GDALKit

/// What `verdant calibrate` does: field plots, the rasters to read their index from, which forms to fit.
public struct CalibrationRequest: Hashable, Sendable {
    /// The rasters and their scaling.
    public var inputs: RasterInputs
    /// Quality masks.
    public var masks: MaskRules
    /// The index the model will take.
    public var index: SpectralIndex
    /// The plots.
    public var plots: PlotSource
    /// The form to fit; nil: the best of all by leave-one-out RMSE.
    public var form: BiomassModel.Form?
    /// Plots observed under this fraction (clouds, nodata) are left out.
    public var minObserved: Double
    /// The sensor preset's name, recorded in the model file.
    public var sensor: String?
    /// Threads and tiles.
    public var execution: ExecutionOptions

    /// A calibration request.
    public init(
        inputs: RasterInputs, masks: MaskRules = MaskRules(), index: SpectralIndex = .ndvi, plots: PlotSource,
        form: BiomassModel.Form? = nil, minObserved: Double = 0.9, sensor: String? = nil,
        execution: ExecutionOptions = ExecutionOptions()
    ) {
        self.inputs = inputs
        self.masks = masks
        self.index = index
        self.plots = plots
        self.form = form
        self.minObserved = minObserved
        self.sensor = sensor
        self.execution = execution
    }
}

/// The result of a calibration: the samples, every fit, the chosen one and the model file to write.
public struct CalibrationResult: Hashable, Sendable {
    /// Plot index (exact-coverage mean over the plot) and measured AGB.
    public var samples: [CalibrationSample]
    /// Plots left out, with the reason.
    public var excluded: [String]
    /// Every fit tried.
    public var fits: [ModelFit]
    /// The chosen fit (lowest leave-one-out RMSE).
    public var chosen: ModelFit
    /// The model file.
    public var modelFile: ModelFile
}

/// Runs `verdant calibrate`: extracts each plot's mean index with exact coverage (the plots are parcels), fits
/// the forms, picks the best by leave-one-out RMSE and describes the model.
public enum CalibrationJob {
    /// Runs the request.
    public static func run(_ request: CalibrationRequest) throws -> CalibrationResult {
        let scratch = ScratchFolder()
        let plots = try request.plots.parcels(into: scratch.path)
        let extraction = EstimateRequest(
            inputs: request.inputs, parcels: ParcelSource(path: plots.path, idField: plots.idField),
            model: BiomassModel(form: .linear, a: 0, b: 1, index: request.index, source: "index extraction"),
            masks: request.masks, minObserved: request.minObserved, execution: request.execution)
        let report = try EstimateJob.run(extraction)
        var samples: [CalibrationSample] = [], excluded: [String] = []
        for row in report.rows {
            guard let y = plots.agb[row.parcelID] else { continue }
            guard let x = row.meanIndex, !row.lowObserved else {
                excluded.append(
                    String(
                        naming:
                            "\(row.parcelID): observed \(String(format: "%.0f", (1 - (row.unobservedFraction ?? 1)) * 100)) % of the plot (under \(param: .minObserved))"
                    ))
                continue
            }
            samples.append(CalibrationSample(plotID: row.parcelID, x: x, y: y))
        }
        guard samples.count >= ModelFitter.minimumPlots else {
            throw VerdantError.input(
                file: request.plots.path,
                problem:
                    "too few plots: \(samples.count) usable (\(excluded.count) left out), at least \(ModelFitter.minimumPlots) needed for a 2-parameter model"
            )
        }
        var fits: [ModelFit]
        if let form = request.form {
            fits = []
            for method in FitMethod.methods(for: form) {
                do { fits.append(try ModelFitter.fit(samples, form: form, method: method)) } catch {
                    if FitMethod.methods(for: form).count == 1 { throw error }
                }
            }
        } else {
            fits = try ModelFitter.fitAll(samples)
        }
        guard let chosen = ModelFitter.best(among: fits) else {
            throw VerdantError.input(file: request.plots.path, problem: "no model could be fitted to these plots")
        }
        let plotArea = report.rows.filter { plots.agb[$0.parcelID] != nil }.map(\.parcelHa)
        let meanArea = plotArea.isEmpty ? nil : plotArea.reduce(0, +) / Double(plotArea.count)
        let dateRange = plots.dates.isEmpty ? nil : [plots.dates.first!, plots.dates.last!]
        let source =
            "calibrated by verdant calibrate \(VerdantVersion.verdant) on \(samples.count) plots of \((request.plots.path as NSString).lastPathComponent)"
            + (dateRange.map { " measured \($0[0]) to \($0[1])" } ?? "") + " (\(chosen.method.rawValue))"
        var file = ModelFile(form: chosen.form, a: chosen.a, b: chosen.b, index: request.index.name, source: source)
        file.covariance = chosen.covariance
        file.residualSD = chosen.residualSD
        if case .savi(let l) = request.index { file.saviL = l }
        file.sensor = request.sensor
        file.plotCount = samples.count
        file.plotAreaHa = meanArea
        file.dateRange = dateRange
        file.method = chosen.method.rawValue
        file.seA = chosen.seA
        file.seB = chosen.seB
        file.r2 = chosen.rSquared
        file.rmse = chosen.rmse
        file.bias = chosen.bias
        file.looRMSE = chosen.looRMSE
        return CalibrationResult(samples: samples, excluded: excluded, fits: fits, chosen: chosen, modelFile: file)
    }
}
