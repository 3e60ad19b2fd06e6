/// One parcel's coverage-weighted area by land-cover class (the class raster's cell values), and the AGB over
/// each class's observed cells: what one tile adds, or, added in tile order, the parcel's sums.
public struct ClassSums: Hashable, Sendable, Codable {
    /// Class values, ascending, with Σ coverage × cell area (m²) of each, and of its observed cells, and
    /// Σ coverage × cell area (ha) × AGB (t) of its observed cells.
    public private(set) var entries: [(value: Int, area: Double, observedArea: Double, agbTonnes: Double)] = []

    /// No classes.
    public init() {}

    /// Adds `area` m² (`observedArea` of it observed, holding `agbTonnes`) to class `value`.
    public mutating func add(value: Int, area: Double, observedArea: Double = 0, agbTonnes: Double = 0) {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].value < value { lo = mid + 1 } else { hi = mid }
        }
        if lo < entries.count && entries[lo].value == value {
            entries[lo].area += area
            entries[lo].observedArea += observedArea
            entries[lo].agbTonnes += agbTonnes
        } else {
            entries.insert((value, area, observedArea, agbTonnes), at: lo)
        }
    }

    /// Adds another part's sums.
    public mutating func add(_ other: ClassSums) {
        for e in other.entries {
            add(value: e.value, area: e.area, observedArea: e.observedArea, agbTonnes: e.agbTonnes)
        }
    }

    /// The area of each class, ha.
    public var hectares: [Int: Double] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.value, $0.area / 10_000) })
    }

    /// Decodes the entries, each as `[value, area, observed area, AGB]`.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        while !container.isAtEnd {
            let e = try container.decode([Double].self)
            guard e.count == 4, let value = Int(exactly: e[0]) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "a class entry is [value, area, observed area, AGB]")
            }
            entries.append((value, e[1], e[2], e[3]))
        }
    }

    /// Encodes the entries, each as `[value, area, observed area, AGB]`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for e in entries { try container.encode([Double(e.value), e.area, e.observedArea, e.agbTonnes]) }
    }

    /// Equal entries.
    public static func == (a: ClassSums, b: ClassSums) -> Bool {
        a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy {
                $0.value == $1.value && $0.area == $1.area && $0.agbTonnes == $1.agbTonnes
            }
    }

    /// Hashes the entries.
    public func hash(into h: inout Hasher) {
        for e in entries {
            h.combine(e.value)
            h.combine(e.area)
            h.combine(e.observedArea)
            h.combine(e.agbTonnes)
        }
    }

    /// The class sums of `coverage` over the cells of `tile`: each covered cell's class from `classes` (the
    /// class band's values of the tile, row-major; NaN = no data, not counted), its AGB from `values` where
    /// observed.
    static func of(
        _ coverage: SparseCoverage, in tile: CellWindow, rowAreas: [Double], classes: ArraySlice<Double>,
        values: TileBuffers
    ) -> ClassSums {
        var sums = ClassSums()
        let base = classes.startIndex
        // The last class seen, summed locally until another comes (parcels are mostly of few classes).
        var current = Int.min, area = 0.0, observed = 0.0, agb = 0.0
        coverage.forEachCell(in: tile) { row, column, fraction in
            let i = (row - tile.row) * tile.width + (column - tile.column)
            let c = classes[base + i]
            guard c.isFinite else { return }
            let value = Int(c)
            if value != current {
                if current != Int.min {
                    sums.add(value: current, area: area, observedArea: observed, agbTonnes: agb / 10_000)
                }
                current = value
                area = 0
                observed = 0
                agb = 0
            }
            let a = fraction * rowAreas[row]
            area += a
            if values.status[i] == CellStatus.observed.rawValue {
                observed += a
                agb += a * values.agb[i]
            }
        }
        if current != Int.min { sums.add(value: current, area: area, observedArea: observed, agbTonnes: agb / 10_000) }
        return sums
    }
}
