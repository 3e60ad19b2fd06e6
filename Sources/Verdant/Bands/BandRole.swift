/// What a band means to the engine: red, near infrared, and later more (quality, mask, …).
public struct BandRole: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The role's name as written on the command line (`red`, `nir`).
    public let name: String

    /// Red reflectance.
    public static let red = BandRole(name: "red")
    /// Near-infrared reflectance.
    public static let nir = BandRole(name: "nir")

    /// Roles this version of Verdant knows.
    public static let known: [BandRole] = [.red, .nir]

    /// The role named `name` (case-insensitive); throws for an unknown role.
    public init(parsing name: String) throws {
        let lower = name.lowercased()
        guard let role = BandRole.known.first(where: { $0.name == lower }) else {
            throw VerdantError.usage("unknown band role '\(name)' (known roles: \(BandRole.known.map(\.name).joined(separator: ", ")))")
        }
        self = role
    }

    private init(name: String) { self.name = name }

    /// Orders roles by name.
    public static func < (a: BandRole, b: BandRole) -> Bool { a.name < b.name }
    /// The role's name.
    public var description: String { name }
}
