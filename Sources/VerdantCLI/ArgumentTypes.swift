import ArgumentParser
import Verdant

// The library's typed options as command-line values: an unknown value is a usage error (exit 1) that lists
// the values there are.

extension SpectralIndex: ExpressibleByArgument {
    /// `ndvi`, `evi`, `savi` (L from `--savi-l`), `msavi2`, `ndre`, `gndvi`.
    public init?(argument: String) {
        guard let index = try? SpectralIndex(parsing: argument) else { return nil }
        self = index
    }

    public static var allValueStrings: [String] { all.map(\.name) }

    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    /// The index with SAVI's L set to `l` (other indices are unchanged).
    func with(saviL l: Double) throws -> SpectralIndex {
        if case .savi = self { return try SpectralIndex(parsing: "savi", saviL: l) }
        return self
    }
}

extension Resampling: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension Console.Level: ExpressibleByArgument {
    init?(argument: String) {
        let levels: [String: Console.Level] = ["error": .error, "warning": .warning, "info": .info, "debug": .debug]
        guard let level = levels[argument.lowercased()] else { return nil }
        self = level
    }

    static var allValueStrings: [String] { ["error", "warning", "info", "debug"] }

    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    var defaultValueDescription: String { Self.allValueStrings[rawValue] }
}

extension UncertaintyOptions.Method: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension COGOptions.Compression: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.uppercased()) }

    public static var allValueStrings: [String] { allCases.map { $0.rawValue.lowercased() } }
}

extension RootShoot: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }

    public static var allValueStrings: [String] { ["R (a number ≥ 0)", "mokany"] }

    public var defaultValueDescription: String { description }
}
