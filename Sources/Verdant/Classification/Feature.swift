/// One feature of a classifier: a band's value (reflectance, or an index a product ships) or a spectral index
/// computed from reflectance.
public enum Feature: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The value of a band.
    case band(BandRole)
    /// An index computed from the reflectance bands.
    case index(SpectralIndex)

    /// Parses a role name (`red`, `swir1`) or an index name (`ndvi`, `evi`).
    public init(parsing text: String) throws {
        if let index = try? SpectralIndex(parsing: text) {
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
        }
    }

    /// The bands it reads: the band itself, an index's reflectance bands or, when they are absent from `present`,
    /// the index's own band.
    func roles(present: Set<BandRole>) -> [BandRole] {
        switch self {
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
}
