/// How a biomass model's coefficients are estimated from field plots.
public enum FitMethod: String, Hashable, Sendable, Codable, CaseIterable {
    /// Least squares of y on x: the linear model.
    case ordinaryLeastSquares = "ordinary least squares"
    /// Least squares of ln y on x, a = e^intercept: the exp model; needs every AGB > 0.
    case logLinear = "log-linear least squares"
    /// Least squares of y on the curve itself (Levenberg–Marquardt): the exp and power models.
    case nonLinear = "non-linear least squares"
    /// Least squares of ln y on ln x, a = e^intercept: the power model; needs every AGB > 0.
    case logLog = "log-log least squares"

    /// The methods that fit `form`, the closed-form one first.
    public static func methods(for form: BiomassModel.Form) -> [FitMethod] {
        switch form {
        case .linear: [.ordinaryLeastSquares]
        case .exp: [.logLinear, .nonLinear]
        case .power: [.logLog, .nonLinear]
        }
    }

    /// The method used for `form` when none is named: the closed-form (ordinary or log-transformed) one.
    public static func defaultMethod(for form: BiomassModel.Form) -> FitMethod {
        methods(for: form)[0]
    }

    /// True when the method takes ln y, so every plot's AGB must be > 0.
    public var needsPositiveAGB: Bool {
        self == .logLinear || self == .logLog
    }
}
