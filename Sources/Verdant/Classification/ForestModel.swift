import Foundation

/// A trained classifier as a file (`--model-out`, applied with `--model`): the forest, its features, the bands
/// they were read from and the reflectance scaling, checked against any input it is applied to.
public struct ForestModel: Codable, Hashable, Sendable {
    /// What a model file holds, written as its `schema` key (`OutputSchema.forest`).
    public static let schema = OutputSchema.forest.id

    /// One band the features were read from.
    public struct BandUse: Codable, Hashable, Sendable {
        /// The role.
        public var role: String
        /// The band's number in its file.
        public var band: Int
        /// The band's description (e.g. `B04`), empty when none.
        public var description: String
    }

    /// `verdant-forest/1`.
    public var schema: String = ForestModel.schema
    /// The layout's version (`OutputSchema.forest`); nil in files written before the key existed (version 1).
    public var schemaVersion: String? = OutputSchema.forest.version
    /// The features, in the forest's order.
    public var features: [Feature]
    /// The dates of the series it was trained on (features per date or over the dates); nil: one raster.
    public var dates: Int?
    /// The bands they were read from (on the first date of a series).
    public var bands: [BandUse]
    /// The reflectance scale and offset the training input had.
    public var scale: Double
    /// See `scale`.
    public var offset: Double
    /// The classes, in the forest's order; the map's cell value of class k is k + 1 (0 is unobserved).
    public var classNames: [String]
    /// The forest.
    public var forest: RandomForest

    enum CodingKeys: String, CodingKey {
        case schema
        case schemaVersion = "schema_version"
        case features, dates, bands, scale, offset, classNames, forest
    }

    /// Reads a model file; throws naming it when it is not one or is damaged.
    public static func read(_ path: String) throws -> ForestModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VerdantError.input(file: path, problem: "no such file (a forest model)")
        }
        let model: ForestModel
        do { model = try JSONDecoder().decode(ForestModel.self, from: data) } catch {
            throw VerdantError.input(file: path, problem: "is not a Verdant forest model (\(error))")
        }
        if let problem = OutputSchema.forest.problem(schema: model.schema, schemaVersion: model.schemaVersion) {
            throw VerdantError.input(file: path, problem: ErrorText(problem))
        }
        do { try model.forest.validate() } catch let e as VerdantError {
            throw VerdantError.input(file: path, problem: "holds a damaged forest: \(e.description)")
        }
        guard model.forest.featureNames == model.features.map(\.description),
            model.forest.classNames == model.classNames
        else {
            throw VerdantError.input(file: path, problem: "its features or classes disagree with its forest")
        }
        return model
    }

    /// The JSON text of the model.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Throws naming `file` unless the input has as many dates as the model was trained on (`dates`, nil for one
    /// raster): features per date or over the dates mean nothing on another number of dates.
    func check(dates input: Int?, file: String) throws {
        guard input != dates else { return }
        func text(_ n: Int?) -> String { n.map { "\($0) date\($0 == 1 ? "" : "s")" } ?? "a single raster" }
        let given = input.map { "has \(text($0))" } ?? "is a single raster"
        throw VerdantError.input(
            file: file,
            problem:
                "was trained on \(text(dates)) (features \(features.map(\.description).joined(separator: ","))); the input \(given): apply it to an input with the same number of dates"
        )
    }

    /// Throws unless `inputs` give every band of the model's features, as the same band of its file (number and
    /// description) with the same reflectance scaling: a model applied to other bands gives wrong classes silently.
    /// `scaling` false skips the scaling (later dates of a series, scaled by their own metadata).
    func check(_ inputs: ResolvedInputs, file: String, scaling: Bool = true) throws {
        for use in bands {
            guard let role = try? BandRole(parsing: use.role), let band = inputs.band(role) else {
                throw VerdantError.input(
                    file: file,
                    problem:
                        "was trained on the \(use.role) band, which the input lacks (bands: \(inputs.roles.map(\.name).joined(separator: ", ")))"
                )
            }
            if !use.description.isEmpty && !band.bandDescription.isEmpty && use.description != band.bandDescription
                || use.description.isEmpty && band.sourceIndex != use.band
            {
                throw VerdantError.input(
                    file: file,
                    problem:
                        "was trained with \(use.role) from band \(use.band)\(use.description.isEmpty ? "" : " (\(use.description))"); the input's \(use.role) is band \(band.sourceIndex)\(band.bandDescription.isEmpty ? "" : " (\(band.bandDescription))") of \(band.source)"
                )
            }
        }
        guard !scaling || inputs.scaling.scale == scale && inputs.scaling.offset == offset else {
            throw VerdantError.input(
                file: file,
                problem:
                    "was trained on reflectance scaled by \(scale), offset \(offset); the input's are \(inputs.scaling.scale), \(inputs.scaling.offset)"
            )
        }
    }
}
