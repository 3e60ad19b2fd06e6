/// How a band of a file is chosen: by 1-based index or by its description (e.g. `B04`).
public enum BandSelector: Hashable, Sendable, CustomStringConvertible {
    /// The band with this 1-based index.
    case index(Int)
    /// The band whose description is this text (exact, else case-insensitive).
    case description(String)

    /// `3` → `.index(3)`, `B04` → `.description("B04")`.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw VerdantError.usage("empty band selector") }
        if let n = Int(trimmed) {
            guard n >= 1 else { throw VerdantError.usage("band index \(n) is not valid: bands are numbered from 1") }
            self = .index(n)
        } else {
            self = .description(trimmed)
        }
    }

    /// `3` or `B04`.
    public var description: String {
        switch self {
        case .index(let n): "\(n)"
        case .description(let d): d
        }
    }
}

import Foundation
