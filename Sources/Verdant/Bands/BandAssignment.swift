/// Parses `ROLE=FILE[:BAND]` (the `--band` option).
public struct BandAssignment: Hashable, Sendable {
    /// The role the band plays.
    public var role: BandRole
    /// The band that plays it.
    public var source: BandSource

    /// A role played by a band.
    public init(role: BandRole, source: BandSource) {
        self.role = role
        self.source = source
    }

    /// Parses `red=B04.tif`, `nir=stack.tif:B08` or `nir=stack.tif:4`.
    public init(parsing text: String) throws {
        guard let eq = text.firstIndex(of: "=") else {
            throw VerdantError.invalidParameter(
                .band, problem: "'\(text)': expected ROLE=FILE[:BAND], e.g. red=B04.tif")
        }
        let role = try BandRole(parsing: String(text[..<eq]))
        let source = try BandSource(parsing: String(text[text.index(after: eq)...]))
        self.init(role: role, source: source)
    }
}
