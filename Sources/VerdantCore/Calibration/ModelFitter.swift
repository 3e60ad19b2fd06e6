import Foundation

/// Fits biomass models (linear, exp, power) to field plots and picks the one that predicts left-out plots best.
///
/// Deterministic: no randomness, and the same plots give the same fits bit for bit. All errors are
/// `VerdantError.usage` with a message naming the problem (and the plot, when one plot is the cause).
public enum ModelFitter {
    /// The fewest plots fitted: 3 per parameter of a 2-parameter model.
    public static let minimumPlots = 6

    /// Fits `form` to `samples` by `method` (nil: the closed-form method, `FitMethod.defaultMethod(for:)`).
    ///
    /// - linear, ordinary least squares: x centred, covariance σ²(XᵀX)⁻¹.
    /// - exp, log-linear least squares: ln y = ln a + b·x by ordinary least squares, a = e^intercept, the
    ///   covariance of (a, b) by the delta method from the log fit's; needs every y > 0.
    /// - power, log-log least squares: ln y = ln a + b·ln x likewise; needs every x > 0 and y > 0.
    /// - exp or power, non-linear least squares: Levenberg–Marquardt on the curve itself, started from the
    ///   log fit of the plots with y > 0 (at least 3 with different x), covariance σ²(JᵀJ)⁻¹ at the optimum.
    ///   Plots with y ≤ 0 are fitted like any other; power still needs every x > 0.
    ///
    /// Throws when there are fewer than `minimumPlots` plots, a value is not finite, a plot is outside the
    /// method's domain, the x (or all y) are all equal, or the non-linear iteration (on all plots or in the
    /// leave-one-out refits) does not converge.
    public static func fit(
        _ samples: [CalibrationSample], form: BiomassModel.Form, method: FitMethod? = nil
    ) throws -> ModelFit {
        try checkCommon(samples)
        return try fitChecked(samples, form: form, method: method ?? FitMethod.defaultMethod(for: form))
    }

    /// Every (form, method) that applies to `samples`, in the order linear (ordinary least squares), exp
    /// (log-linear, non-linear), power (log-log, non-linear).
    ///
    /// A combination is left out when a plot is outside its domain (y ≤ 0 for log fits, x ≤ 0 for power)
    /// or when its fit fails (a non-converging non-linear iteration, or a leave-one-out refit that cannot be
    /// made because the other plots share one index value); problems common to all (too few plots,
    /// non-finite values, all x or all y equal) throw.
    public static func fitAll(_ samples: [CalibrationSample]) throws -> [ModelFit] {
        try checkCommon(samples)
        var fits: [ModelFit] = []
        for form in BiomassModel.Form.allCases {
            for method in FitMethod.methods(for: form) {
                guard domainProblem(samples, form: form, method: method) == nil else { continue }
                if let fit = try? fitChecked(samples, form: form, method: method) { fits.append(fit) }
            }
        }
        return fits
    }

    /// The fit of `fitAll(samples)` with the lowest leave-one-out RMSE (see `best(among:)`).
    public static func best(_ samples: [CalibrationSample]) throws -> ModelFit {
        guard let fit = best(among: try fitAll(samples)) else {
            throw VerdantError.usage("no biomass model could be fitted to the \(samples.count) plots")
        }
        return fit
    }

    /// The fit with the lowest leave-one-out RMSE; a tie (within 1e-12 relative) goes to the model with fewer
    /// assumptions, in the order of `fitAll`: linear, then exp, then power, the closed-form method before the
    /// non-linear one. Fits whose LOO RMSE is not finite are ignored; nil when none is left.
    public static func best(among fits: [ModelFit]) -> ModelFit? {
        func rank(_ fit: ModelFit) -> Int {
            let forms = BiomassModel.Form.allCases
            let formRank = forms.firstIndex(of: fit.form).map { forms.distance(from: forms.startIndex, to: $0) } ?? 0
            return formRank * 10 + (FitMethod.methods(for: fit.form).firstIndex(of: fit.method) ?? 9)
        }
        var best: ModelFit?
        for fit in fits where fit.looRMSE.isFinite {
            guard let current = best else {
                best = fit
                continue
            }
            let tolerance = 1e-12 * max(abs(fit.looRMSE), abs(current.looRMSE))
            if fit.looRMSE < current.looRMSE - tolerance
                || (abs(fit.looRMSE - current.looRMSE) <= tolerance && rank(fit) < rank(current))
            {
                best = fit
            }
        }
        return best
    }

    // MARK: - Checks

    /// Too few plots, non-finite values, all y equal: problems whatever the form and method.
    private static func checkCommon(_ samples: [CalibrationSample]) throws {
        guard samples.count >= minimumPlots else {
            throw VerdantError.usage(
                "too few plots: \(samples.count) given, at least \(minimumPlots) needed for a 2-parameter model")
        }
        for s in samples {
            guard s.x.isFinite else {
                throw VerdantError.usage("plot '\(s.plotID)': index value x = \(s.x) is not a finite number")
            }
            guard s.y.isFinite else {
                throw VerdantError.usage("plot '\(s.plotID)': AGB y = \(s.y) is not a finite number")
            }
        }
        if samples.allSatisfy({ $0.y == samples[0].y }) {
            throw VerdantError.usage(
                "all \(samples.count) plots have the same AGB (\(samples[0].y) t/ha): there is no variation for a model to explain"
            )
        }
        if StraightLineFit.isDegenerate(samples.map(\.x), where: { _ in true }) {
            throw singular(samples)
        }
    }

    /// The error for plots whose index values are (almost) all equal.
    private static func singular(_ samples: [CalibrationSample]) -> VerdantError {
        .usage(
            "all \(samples.count) plots have (almost) the same index value (x = \(samples[0].x)): the slope b cannot be estimated (singular least-squares problem); calibrate on plots spanning a range of index values"
        )
    }

    /// Why `samples` cannot be fitted by (form, method), or nil.
    private static func domainProblem(
        _ samples: [CalibrationSample], form: BiomassModel.Form, method: FitMethod
    ) -> String? {
        guard FitMethod.methods(for: form).contains(method) else {
            let valid = FitMethod.methods(for: form).map(\.rawValue).joined(separator: " or ")
            return "the \(form.rawValue) model is fitted by \(valid), not by \(method.rawValue)"
        }
        if form == .power, let first = samples.firstIndex(where: { $0.x <= 0 }) {
            let others = samples.count(where: { $0.x <= 0 }) - 1
            return "plot '\(samples[first].plotID)': index value x = \(samples[first].x)"
                + (others > 0 ? " (and \(others) other plot\(others == 1 ? "" : "s") with x ≤ 0)" : "")
                + ", but the power model a·x^b needs x > 0"
        }
        if method.needsPositiveAGB, let first = samples.firstIndex(where: { $0.y <= 0 }) {
            let others = samples.count(where: { $0.y <= 0 }) - 1
            return "plot '\(samples[first].plotID)': AGB y = \(samples[first].y) t/ha"
                + (others > 0 ? " (and \(others) other plot\(others == 1 ? "" : "s") with y ≤ 0)" : "")
                + ", but \(method.rawValue) of the \(form.rawValue) model takes ln y and needs y > 0"
                + " (non-linear least squares accepts such plots)"
        }
        return nil
    }

    // MARK: - Fitting

    /// The inputs of one (form, method) fit, transformed once and shared by the leave-one-out refits.
    private struct Design {
        let form: BiomassModel.Form
        let method: FitMethod
        /// The index values.
        let x: [Double]
        /// The AGB values.
        let y: [Double]
        /// The curve's variable: x for linear and exp, ln x for power.
        let u: [Double]
        /// ln y, NaN where y ≤ 0 (those plots are never selected where it is used).
        let logY: [Double]
    }

    /// Why one least-squares solve failed.
    private enum Failure: Error {
        case singular
        case noStart
        case notConverged(iterations: Int)
    }

    /// Fits after the common checks passed; adds the domain check, the statistics and the LOO refits.
    private static func fitChecked(
        _ samples: [CalibrationSample], form: BiomassModel.Form, method: FitMethod
    ) throws -> ModelFit {
        if let problem = domainProblem(samples, form: form, method: method) {
            throw VerdantError.usage(ErrorText(problem))
        }
        let x = samples.map(\.x), y = samples.map(\.y)
        let design = Design(
            form: form, method: method, x: x, y: y,
            u: form == .power ? x.map { Foundation.log($0) } : x,
            logY: y.map { $0 > 0 ? Foundation.log($0) : .nan })

        let full: (a: Double, b: Double, covariance: Covariance2)
        do {
            full = try coefficients(design, where: { _ in true })
        } catch {
            throw message(error, design, samples, leftOut: nil)
        }

        let n = samples.count
        var meanY = 0.0
        for v in y { meanY += v }
        meanY /= Double(n)
        var ssRes = 0.0, ssTot = 0.0, sumDiff = 0.0
        for i in 0..<n {
            let predicted = ModelFit.curve(form, full.a, full.b, x[i])
            let r = y[i] - predicted
            ssRes += r * r
            sumDiff -= r
            ssTot += (y[i] - meanY) * (y[i] - meanY)
        }

        var ssLOO = 0.0
        for left in 0..<n {
            let refit: (a: Double, b: Double, covariance: Covariance2)
            do {
                refit = try coefficients(design, where: { $0 != left })
            } catch {
                throw message(error, design, samples, leftOut: left)
            }
            let r = ModelFit.curve(form, refit.a, refit.b, x[left]) - y[left]
            ssLOO += r * r
        }

        let c = full.covariance
        return ModelFit(
            form: form, method: method, a: full.a, b: full.b,
            seA: c.pp.squareRoot(), seB: c.qq.squareRoot(), covariance: c.matrix,
            residualSD: (ssRes / Double(n - 2)).squareRoot(), n: n,
            rSquared: 1 - ssRes / ssTot, rmse: (ssRes / Double(n)).squareRoot(),
            bias: sumDiff / Double(n), looRMSE: (ssLOO / Double(n)).squareRoot())
    }

    /// (a, b) and their covariance from the plots `include` selects.
    private static func coefficients(
        _ d: Design, where include: (Int) -> Bool
    ) throws(Failure) -> (a: Double, b: Double, covariance: Covariance2) {
        switch d.method {
        case .ordinaryLeastSquares:
            guard let line = StraightLineFit.fit(u: d.x, v: d.y, where: include) else { throw .singular }
            return (line.intercept, line.slope, line.covariance)
        case .logLinear, .logLog:
            guard let line = StraightLineFit.fit(u: d.u, v: d.logY, where: include) else { throw .singular }
            let a = Foundation.exp(line.intercept)
            // a = e^α: ∂a/∂α = a; b is the slope itself.
            return (a, line.slope, line.covariance.transformed(a, 0, 0, 1))
        case .nonLinear:
            guard !StraightLineFit.isDegenerate(d.u, where: include) else { throw .singular }
            guard let start = StraightLineFit.fit(u: d.u, v: d.logY, where: { include($0) && d.y[$0] > 0 }) else {
                throw .noStart
            }
            do {
                let curve = try ExponentialCurveFit.fit(
                    u: d.u, y: d.y, where: include, startA: Foundation.exp(start.intercept), startB: start.slope)
                return (curve.a, curve.b, curve.covariance)
            } catch {
                switch error {
                case .singular: throw .singular
                case .notConverged(let iterations): throw .notConverged(iterations: iterations)
                }
            }
        }
    }

    /// A `Failure` as the error shown to the user.
    private static func message(
        _ error: Failure, _ d: Design, _ samples: [CalibrationSample], leftOut: Int?
    ) -> VerdantError {
        let what = "\(d.method.rawValue) of the \(d.form.rawValue) model"
        let problem: String
        switch error {
        case .singular:
            if leftOut == nil { return singular(samples) }
            problem = "the other plots have (almost) the same index value, so the slope b cannot be estimated"
        case .noStart:
            problem =
                "\(what) starts from the log fit of the plots with AGB > 0, but fewer than 3 such plots with different index values are left"
        case .notConverged(let iterations):
            problem =
                "\(what) did not converge (Levenberg–Marquardt stopped after \(iterations) iterations from the log-fit start); use the \(FitMethod.defaultMethod(for: d.form).rawValue) fit instead, or check the plots for outliers"
        }
        guard let leftOut else { return .usage(ErrorText(problem)) }
        return .usage("leave-one-out check of the \(what): without plot '\(samples[leftOut].plotID)', \(problem)")
    }
}
