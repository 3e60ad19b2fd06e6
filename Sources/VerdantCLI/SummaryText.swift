import Foundation
import Verdant

/// How scene figures are printed.
enum SummaryText {
    /// One JSON object, keys sorted, for pipelines.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw VerdantError.internal("the summary cannot be written as JSON: \(error)")
        }
    }

    /// The figures of `verdant map --json`, with the `schema` and `schema_version` keys of
    /// `OutputSchema.mapSummary`.
    static func json(_ summary: MapSummary) throws -> String {
        try json(Stamped(value: summary, schema: .mapSummary))
    }

    /// A value encoded with the keys naming its layout beside its own.
    struct Stamped<Value: Encodable>: Encodable {
        /// The value (encoded as a JSON object).
        var value: Value
        /// Its layout.
        var schema: OutputSchema

        enum CodingKeys: String, CodingKey {
            case schema
            case schemaVersion = "schema_version"
        }

        func encode(to encoder: any Encoder) throws {
            try value.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(schema.id, forKey: .schema)
            try c.encode(schema.version, forKey: .schemaVersion)
        }
    }

    /// Lines for a person.
    static func text(_ s: MapSummary) -> String {
        func f(_ v: Double?, _ digits: Int) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "n/a" }
        var lines = [
            "grid:           \(s.width) × \(s.height) cells, \(s.crs)\(s.crsCode.map { " (\($0))" } ?? "")",
            "cells:          \(s.cells)",
            "valid cells:    \(s.validCells)",
            "observed area:  \(f(s.observedHa, 4)) ha",
            "mean NDVI:      \(f(s.meanNDVI, 6))",
            "total AGB:      \(f(s.totalAGBTonnes, 3)) t (mean \(f(s.meanAGBTonnesPerHa, 3)) t/ha)",
            "model:          \(s.modelFormula)",
            "model source:   \(s.modelSource)"
        ]
        if let green = s.greenHa {
            lines.insert(
                "green area:     \(f(green, 4)) ha (\(f(s.greenFraction.map { $0 * 100 }, 1)) % of observed)", at: 5)
        }
        for o in s.outputs { lines.append("wrote \(o.kind): \(o.path)") }
        lines.append("Estimates from remote sensing, not issued carbon credits.")
        return lines.joined(separator: "\n")
    }

    /// Totals of an estimate for a person.
    static func text(_ r: EstimateReport, out: String) -> String {
        func f(_ v: Double?, _ digits: Int) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "n/a" }
        let t = r.totals
        var lines = [
            "parcels:        \(t.parcels) (\(r.metadata.featureCount) features)",
            "parcel area:    \(f(t.parcelHa, 4)) ha (covered \(f(t.coveredHa, 4)) ha, observed \(f(t.observedHa, 4)) ha)",
            "mean NDVI:      \(f(t.meanNDVI, 6))"
        ]
        if let green = t.greenHa {
            lines.append("green area:     \(f(green, 4)) ha (\(f(t.greenFraction.map { $0 * 100 }, 1)) % of observed)")
        }
        lines += [
            "AGB:            \(f(t.agbT, 3)) t (\(f(t.agbTPerHa, 3)) t/ha observed)",
            "carbon:         \(f(t.carbonT, 3)) t C",
            "CO2e:           \(f(t.co2eT, 3)) t CO2e",
            "model:          \(r.metadata.model.formula)",
            "model source:   \(r.metadata.model.source)",
            "wrote:          \(out)",
            EstimateReport.disclaimer
        ]
        return lines.joined(separator: "\n")
    }
}
