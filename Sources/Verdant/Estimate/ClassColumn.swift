import GDALKit

/// One land-cover class of a run's class band, and its column in the per-parcel table (`class_<name>_ha`).
public struct ClassColumn: Hashable, Sendable {
    /// The class's cell value.
    public var value: Int
    /// Its name (the band's category name), or the value as text.
    public var name: String

    /// The column: `class_` + the name in lower case with every other character than a–z, 0–9 as `_` + `_ha`.
    public var column: String {
        let clean = String(name.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "_" })
        return "class_\(clean)_ha"
    }

    /// A class.
    public init(value: Int, name: String) {
        self.value = value
        self.name = name
    }

    /// The category names of the class band's own file (band `sourceIndex` of `source`), by value; empty when the
    /// file names none.
    static func names(of band: ResolvedBand) -> [Int: String] {
        guard let ds = try? Dataset.open(RemotePath.gdalPath(band.source)), let b = try? ds.band(band.sourceIndex)
        else { return [:] }
        return b.categoryNames
    }

    /// The columns of the classes found under the parcels, by value; named by `names` where it names them.
    static func columns(values: Set<Int>, names: [Int: String]) -> [ClassColumn] {
        values.sorted().map { ClassColumn(value: $0, name: names[$0] ?? "\($0)") }
    }

    /// The values of the classes `given` names (by name, case-insensitive, or by value); throws for a class the
    /// band does not know, listing those it does.
    static func values(of given: [String], names: [Int: String], file: String) throws -> Set<Int> {
        var out: Set<Int> = []
        for g in given {
            let t = g.trimmingCharacters(in: .whitespaces)
            if let v = names.first(where: { $0.value.lowercased() == t.lowercased() })?.key {
                out.insert(v)
            } else if let v = Int(t) {
                out.insert(v)
            } else {
                let known = names.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                throw VerdantError.invalidParameter(
                    .greenClasses,
                    problem:
                        "'\(t)' is not a class of \(file) (classes: \(known.isEmpty ? "none named; give values" : known.joined(separator: ", ")))"
                )
            }
        }
        return out
    }
}
