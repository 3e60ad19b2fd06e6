import Foundation
import Verdant

/// How scene figures are printed.
enum SummaryText {
    /// One JSON object, keys sorted, for pipelines.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
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
            "model source:   \(s.modelSource)",
        ]
        for o in s.outputs { lines.append("wrote \(o.kind): \(o.path)") }
        lines.append("Estimates from remote sensing, not issued carbon credits.")
        return lines.joined(separator: "\n")
    }
}
