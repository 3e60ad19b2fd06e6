import Foundation

/// A calibrated biomass model as a JSON file (written by `verdant calibrate`, read by `--model-file`): form,
/// coefficients `a` and `b`, their covariance, residual SD, index, sensor, plot count and area, date range,
/// source, and the fit statistics.
public struct ModelFile: Hashable, Sendable, Codable {
    /// `verdant-model/1` (`OutputSchema.model`); nil in files written before the key existed.
    public var schema: String?
    /// The layout's version (`OutputSchema.model`); nil in files written before the key existed (version 1).
    public var schemaVersion: String?
    /// `linear`, `exp` or `power`.
    public var form: BiomassModel.Form
    /// Coefficient a.
    public var a: Double
    /// Coefficient b.
    public var b: Double
    /// Covariance of (a, b).
    public var covariance: [[Double]]?
    /// Residual SD of plot AGB around the model, t/ha.
    public var residualSD: Double?
    /// The index the model takes.
    public var index: String
    /// SAVI's L when the index is SAVI.
    public var saviL: Double?
    /// The sensor preset of the calibration raster, if any.
    public var sensor: String?
    /// Number of plots.
    public var plotCount: Int?
    /// Mean plot area, ha.
    public var plotAreaHa: Double?
    /// First and last plot measurement dates, when given.
    public var dateRange: [String]?
    /// Where the model comes from.
    public var source: String
    /// The fitting method.
    public var method: String?
    /// Standard error of a.
    public var seA: Double?
    /// Standard error of b.
    public var seB: Double?
    /// R² on the AGB scale.
    public var r2: Double?
    /// RMSE, t/ha.
    public var rmse: Double?
    /// Mean of predicted − observed, t/ha.
    public var bias: Double?
    /// Leave-one-out RMSE, t/ha.
    public var looRMSE: Double?

    /// A model file with the required fields; the rest start empty.
    public init(form: BiomassModel.Form, a: Double, b: Double, index: String, source: String) {
        self.form = form
        self.a = a
        self.b = b
        self.index = index
        self.source = source
        self.schema = OutputSchema.model.id
        self.schemaVersion = OutputSchema.model.version
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case schemaVersion = "schema_version"
        case form, a, b, covariance
        case residualSD = "residual_sd"
        case index
        case saviL = "savi_l"
        case sensor
        case plotCount = "plot_count"
        case plotAreaHa = "plot_area_ha"
        case dateRange = "date_range"
        case source, method
        case seA = "se_a"
        case seB = "se_b"
        case r2, rmse, bias
        case looRMSE = "loo_rmse"
    }

    /// The model (with its uncertainty when the file has a covariance and residual SD).
    public var model: BiomassModel {
        get throws {
            var m = BiomassModel(
                form: form, a: a, b: b, index: try SpectralIndex(parsing: index, saviL: saviL ?? 0.5), source: source)
            if let covariance, let residualSD {
                m.uncertainty = ModelUncertainty(covariance: covariance, residualSD: residualSD, plotAreaHa: plotAreaHa)
            }
            return m
        }
    }

    /// Reads a model file.
    public static func read(_ path: String) throws -> ModelFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VerdantError.input(file: path, problem: "no such file")
        }
        let file: ModelFile
        do { file = try JSONDecoder().decode(ModelFile.self, from: data) } catch {
            throw VerdantError.input(
                file: path,
                problem: "is not a Verdant model file (expected JSON with form, a, b, index, source, …): \(error)")
        }
        if let problem = OutputSchema.model.problem(schema: file.schema, schemaVersion: file.schemaVersion) {
            throw VerdantError.input(file: path, problem: ErrorText(problem))
        }
        do {
            try file.model.uncertainty?.validate()
        } catch {
            throw VerdantError.input(file: path, problem: "\(error)")
        }
        guard file.a.isFinite, file.b.isFinite else {
            throw VerdantError.input(file: path, problem: "coefficients must be finite")
        }
        return file
    }

    /// Pretty JSON text, keys sorted.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
