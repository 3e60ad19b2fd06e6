import Foundation

/// A per-cell above-ground biomass model, AGB (t/ha) = f(index), with the citation it comes from.
public struct BiomassModel: Hashable, Sendable {
    /// The shape of f.
    public enum Form: String, Hashable, Sendable, Codable, CaseIterable {
        /// a + b·x
        case linear
        /// a·e^(b·x)
        case exp
        /// a·x^b, 0 for x ≤ 0
        case power
    }

    /// The form.
    public var form: Form
    /// Coefficient a.
    public var a: Double
    /// Coefficient b.
    public var b: Double
    /// The index the model takes.
    public var index: SpectralIndex
    /// Where the model comes from (free text: a citation, a calibration file, or "illustrative example").
    public var source: String
    /// The coefficients' covariance and residual error, for confidence intervals (calibrated models).
    public var uncertainty: ModelUncertainty?

    /// A model from its form and coefficients.
    public init(form: Form, a: Double, b: Double, index: SpectralIndex = .ndvi, source: String) {
        self.form = form
        self.a = a
        self.b = b
        self.index = index
        self.source = source
    }

    /// Parses `linear:a,b`, `exp:a,b`, `power:a,b`, or the name of a built-in example (`example-linear`).
    public init(parsing text: String, source: String? = nil) throws {
        if let builtIn = BiomassModel.builtIn.first(where: { $0.name == text }) {
            self = builtIn.model
            if let source { self.source = source }
            return
        }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let form = Form(rawValue: parts[0].lowercased()) else {
            throw VerdantError.usage(
                "model '\(text)': expected linear:a,b, exp:a,b or power:a,b (or \(BiomassModel.builtIn.map(\.name).joined(separator: ", ")))"
            )
        }
        let numbers = parts[1].split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 2, let a = numbers[0], let b = numbers[1], a.isFinite, b.isFinite else {
            throw VerdantError.usage(
                "model '\(text)': coefficients must be two finite numbers, e.g. \(form.rawValue):1.5,2")
        }
        self.init(
            form: form, a: a, b: b,
            source: source
                ?? String(naming: "user-supplied coefficients (no source given; pass \(param: .modelSource))"))
    }

    /// AGB in t/ha for index value `x`: NaN when x is NaN (undefined), never negative.
    @inlinable
    public func agb(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        let v: Double
        switch form {
        case .linear: v = a + b * x
        case .exp: v = a * Foundation.exp(b * x)
        case .power: v = x <= 0 ? 0 : a * Foundation.pow(x, b)
        }
        return v > 0 ? v : 0
    }

    /// SAVI's soil factor L when the index is SAVI, else nil.
    public var saviL: Double? {
        if case .savi(let l) = index { l } else { nil }
    }

    /// The model as written on the command line: `linear:a,b`.
    public var expression: String { "\(form.rawValue):\(a),\(b)" }

    /// The same model taking another index (`--index`).
    public func taking(_ index: SpectralIndex) -> BiomassModel {
        var m = self
        m.index = index
        return m
    }

    /// The formula in words: `AGB = a + b·NDVI`.
    public var formula: String {
        let x = index.name.uppercased()
        switch form {
        case .linear: return "AGB [t/ha] = \(a) + \(b)·\(x)"
        case .exp: return "AGB [t/ha] = \(a)·e^(\(b)·\(x))"
        case .power: return "AGB [t/ha] = \(a)·\(x)^\(b)"
        }
    }

    /// Built-in models. They are examples for trying Verdant out, not valid for any real site.
    public static let builtIn: [(name: String, model: BiomassModel)] = [
        (
            "example-linear",
            BiomassModel(
                form: .linear, a: -30, b: 250,
                source:
                    "Verdant illustrative example (example-linear), not fitted to any field data and not valid for any site: replace it with a model calibrated on your own field plots"
            )
        )
    ]

    /// A warning for the outputs when the model is one of the illustrative built-in examples.
    public var warning: String? {
        BiomassModel.builtIn.contains {
            $0.model.form == form && $0.model.a == a && $0.model.b == b && $0.model.source == source
        }
            ? "the model is the illustrative \(BiomassModel.builtIn.first { $0.model.source == source }!.name) (\(formula)): it is not valid for any site; replace it with a model calibrated on your own field plots"
            : nil
    }

    /// The model used when none is given: the illustrative example.
    public static var example: BiomassModel { builtIn[0].model }
}
