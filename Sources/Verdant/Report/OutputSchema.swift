/// The layout of one kind of JSON document Verdant writes, as its `schema` and `schema_version` keys say.
///
/// Every JSON output carries `"schema": "<name>/<major>"` (what it is, with the major version: a reader checks
/// this one key) and `"schema_version": "<major>.<minor>.<patch>"` (semver: the minor version grows when keys are
/// added, the major version when a key changes meaning or goes away, the patch for fixes of the description only).
/// The JSON Schemas of the outputs are in `docs/schemas/`. A document without `schema_version` was written before
/// the key existed and is read as version 1.
public struct OutputSchema: Hashable, Sendable, CustomStringConvertible {
    /// The name, e.g. `verdant-estimate`.
    public let name: String
    /// The version, `major.minor.patch`.
    public let version: String
    /// The JSON Schema file of the document in `docs/schemas/`.
    public let file: String

    /// The major version (the first number of `version`).
    public var major: Int { Self.major(of: version) ?? 0 }

    /// The `schema` key's value: `<name>/<major>`.
    public var id: String { "\(name)/\(major)" }

    /// `id` and `version`.
    public var description: String { "\(id) (\(version))" }

    /// The keys that name the layout, to add to a document.
    public var keys: [String: JSONValue] {
        [Self.schemaKey: .string(id), Self.versionKey: .string(version)]
    }

    /// `object` with the `schema` and `schema_version` keys set.
    public func stamped(_ object: [String: JSONValue]) -> JSONValue {
        .object(object.merging(keys) { _, new in new })
    }

    /// Nil when a document of `schema` and `schemaVersion` (nil: written before the keys existed, version 1) can be
    /// read as this layout, else the problem in words.
    public func problem(schema: String?, schemaVersion: String?) -> String? {
        if let schema, schema != id {
            return "has schema '\(schema)', not '\(id)'"
        }
        guard let schemaVersion else { return nil }
        guard let m = Self.major(of: schemaVersion) else {
            return "has schema_version '\(schemaVersion)', not a version like '\(version)'"
        }
        return m == major ? nil : "has schema_version \(schemaVersion): this Verdant reads version \(major).x"
    }

    /// The major version of a `major.minor.patch` text, nil when it is not one.
    static func major(of version: String) -> Int? {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil })
        else { return nil }
        return Int(parts[0])
    }

    /// The key naming the layout.
    public static let schemaKey = "schema"
    /// The key holding the version.
    public static let versionKey = "schema_version"

    /// Version 1.0.0 of `verdant-<stem>` in `<stem>.schema.json` (or of `name` when given).
    static func v1(_ stem: String, name: String? = nil) -> OutputSchema {
        OutputSchema(name: name ?? "verdant-" + stem, version: "1.0.0", file: stem + ".schema.json")
    }

    /// `verdant estimate --out FILE.json`: parcels, totals and run metadata.
    public static let estimate = v1("estimate")
    /// `verdant estimate --json` (and `run` of an estimate job): the summary printed for pipelines.
    public static let estimateSummary = v1("estimate-summary")
    /// `verdant series --json`: the summary printed for pipelines (dates, alerts, outputs, exit code).
    public static let seriesRun = v1("series-run")
    /// `verdant series --out FILE.json`: one row per parcel and date (`schema` kept from before: `verdant-series/1`).
    public static let seriesRows = v1("series-rows", name: "verdant-series")
    /// `verdant credits --out FILE.json`.
    public static let credits = v1("credits")
    /// `verdant calibrate --out FILE.json`: the biomass model file read by `--model-file`.
    public static let model = v1("model")
    /// `verdant series --summary-out FILE.json`: one row per parcel (same `schema` as the long table; the
    /// `parcels` key tells them apart from its `rows`).
    public static let seriesSummary = v1("series-summary", name: "verdant-series")
    /// `verdant classify --model-out FILE.json`: the forest read by `--model`.
    public static let forest = v1("forest")
    /// `verdant classify --accuracy-out FILE.json` (and `--json`).
    public static let accuracy = v1("accuracy")
    /// `verdant map --json`.
    public static let mapSummary = v1("map-summary")
    /// `verdant composite --json`: the dates and bands reduced, the cells observed, the files written, warnings.
    public static let compositeSummary = v1("composite-summary")
    /// `verdant presets --json`: the sensor presets (itself a preset file for `--preset-file`).
    public static let presets = v1("presets")
    /// `verdant estimate|series|credits --shard K/N --out FILE.vpart`: one shard's partial, read by `verdant merge`.
    public static let partial = v1("partial")
    /// One estimate's part of a shard's partial: its exact per-tile sums.
    public static let estimatePartial = v1("estimate-partial")

    /// Every layout, one per schema file.
    public static let all: [OutputSchema] = [
        estimate, estimateSummary, seriesRows, seriesSummary, seriesRun, credits, model, forest, accuracy, mapSummary,
        compositeSummary, presets, partial, estimatePartial
    ]
}
