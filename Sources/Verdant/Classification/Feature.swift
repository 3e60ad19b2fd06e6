/// One feature of a classifier: a band's value (reflectance, or an index a product ships) or a spectral index
/// computed from reflectance; with several dates, such a feature on one date (`ndvi@2`) or a statistic of it over
/// the dates on which a cell is observed (`ndvi:median`).
public enum Feature: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The value of a band.
    case band(BandRole)
    /// An index computed from the reflectance bands.
    case index(SpectralIndex)
    /// A band or index on one date of a series, numbered from 1 in date order: `ndvi@2`.
    indirect case onDate(Feature, Int)
    /// A statistic (median, mean, min, max or a percentile) of a band or index over the dates on which a cell is
    /// observed, as `verdant composite` reduces them: `ndvi:median`, `red:p90`.
    indirect case statistic(Feature, CompositeMethod)

    /// Parses a role name (`red`, `swir1`) or an index name (`ndvi`, `evi`), either followed by `@K` (on date K,
    /// from 1) or by `:STAT` (`median`, `mean`, `min`, `max`, `pNN`).
    public init(parsing text: String) throws {
        if let at = text.lastIndex(of: "@") {
            let base = try Feature(parsing: String(text[..<at]))
            guard base.isPlain, let k = Int(text[text.index(after: at)...]), k >= 1 else {
                throw VerdantError.invalidParameter(
                    .features, problem: "'\(text)': write a feature on a date as NAME@K, K the date's number from 1")
            }
            self = .onDate(base, k)
        } else if let colon = text.lastIndex(of: ":") {
            let base = try Feature(parsing: String(text[..<colon]))
            let method = try? CompositeMethod(parsing: String(text[text.index(after: colon)...]))
            guard base.isPlain, let method, method != .maxIndex else {
                throw VerdantError.invalidParameter(
                    .features,
                    problem:
                        "'\(text)': write a statistic over the dates as NAME:STAT, STAT median, mean, min, max or pNN")
            }
            self = .statistic(base, method)
        } else if let index = try? SpectralIndex(parsing: text) {
            self = .index(index)
        } else if let role = try? BandRole(parsing: text), role.kind != .classes {
            self = .band(role)
        } else {
            throw VerdantError.invalidParameter(
                .features,
                problem:
                    "'\(text)' is neither a band (\(BandRole.known.filter { $0.kind == .reflectance }.map(\.name).joined(separator: ", "))) nor an index (ndvi, evi, savi, msavi2, ndre, gndvi)"
            )
        }
    }

    /// The feature's name (`red`, `ndvi`).
    public var description: String {
        switch self {
        case .band(let r): r.name
        case .index(let i): i.name
        case .onDate(let f, let k): "\(f)@\(k)"
        case .statistic(let f, let m): "\(f):\(m)"
        }
    }

    /// The band or index itself, without a date or statistic.
    var base: Feature {
        switch self {
        case .band, .index: self
        case .onDate(let f, _), .statistic(let f, _): f.base
        }
    }

    /// True for a band or index without a date or statistic.
    var isPlain: Bool { base == self }

    /// The bands it reads: the band itself, an index's reflectance bands or, when they are absent from `present`,
    /// the index's own band.
    func roles(present: Set<BandRole>) -> [BandRole] {
        switch self {
        case .onDate(let f, _), .statistic(let f, _): return f.roles(present: present)
        case .band(let r): return [r]
        case .index(let i):
            return i.roles.allSatisfy(present.contains) || !present.contains(i.bandRole) ? i.roles : [i.bandRole]
        }
    }

    /// Encodes as its name.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// Decodes from its name.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    /// The features of `--features LIST` (comma-separated), or by default every reflectance band present (in role
    /// order) and NDVI when red and NIR are present (or an NDVI band).
    static func list(_ text: String?, present: Set<BandRole>) throws -> [Feature] {
        if let text {
            let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let out = try parts.map { try Feature(parsing: $0) }
            guard !out.isEmpty, Set(out).count == out.count else {
                throw VerdantError.invalidParameter(.features, problem: "'\(text)': name each feature once")
            }
            return out
        }
        var out: [Feature] = present.filter { $0.kind != .classes }.sorted().map { .band($0) }
        if (present.contains(.red) && present.contains(.nir)) && !present.contains(.ndvi) { out.append(.index(.ndvi)) }
        return out
    }

    /// `features` for an input of `dates` dates (nil: one raster): with dates, a plain feature stands for itself on
    /// every date (`ndvi` → `ndvi@1`, `ndvi@2`, …); without, only plain features are allowed. Throws for a date
    /// past the last, a dated feature without dates, or a feature named twice.
    static func expanded(_ features: [Feature], dates: Int?) throws -> [Feature] {
        var out: [Feature] = []
        for f in features {
            switch (f, dates) {
            case (.band, let n?), (.index, let n?): out += (1...max(n, 1)).map { .onDate(f, $0) }
            case (.onDate(_, let k), let n?) where k > n:
                throw VerdantError.invalidParameter(.features, problem: "\(f): the input has \(n) date(s)")
            case (.onDate, nil), (.statistic, nil):
                throw VerdantError.invalidParameter(
                    .features, problem: "\(f) needs several dates (a dates table or STAC items), not one raster")
            default: out.append(f)
            }
        }
        guard !out.isEmpty, Set(out).count == out.count else {
            throw VerdantError.invalidParameter(
                .features, problem: "'\(features.map(\.description).joined(separator: ","))': name each feature once")
        }
        return out
    }
}
