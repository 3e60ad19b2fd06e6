/// Reads a classifier's features from a tile: each feature's band slots in the reader, and each cell's feature
/// values (reflectance as converted, indices computed per cell).
struct FeatureExtractor {
    /// The features, in order.
    let features: [Feature]
    private let plans: [Plan]

    private enum Plan {
        case slot(Int)
        case index(SpectralIndex, red: Int?, nir: Int?, blue: Int?, green: Int?, redEdge: Int?)
    }

    /// The extractor of `features` (bands and indices, without dates or statistics) from readers of `inputs`;
    /// throws when a feature's bands are absent.
    init(features: [Feature], inputs: ResolvedInputs) throws {
        self.features = features
        let present = Set(inputs.roles)
        func slot(_ role: BandRole) -> Int? { inputs.bands.firstIndex { $0.role == role } }
        plans = try features.map { f in
            let roles = f.roles(present: present)
            let missing = roles.filter { !present.contains($0) }
            guard missing.isEmpty else {
                throw VerdantError.invalidParameter(
                    .features,
                    problem:
                        "\(f) needs the \(missing.map(\.name).joined(separator: ", ")) band(s), which the input lacks (bands: \(inputs.roles.map(\.name).joined(separator: ", ")))"
                )
            }
            switch f.base {
            case .band(let r): return .slot(slot(r)!)
            case .onDate, .statistic: preconditionFailure("an extractor reads bands and indices only")
            case .index(let i):
                if roles == [i.bandRole] { return .slot(slot(i.bandRole)!) }
                return .index(
                    i, red: slot(.red), nir: slot(.nir), blue: slot(.blue), green: slot(.green),
                    redEdge: slot(.redEdge))
            }
        }
    }

    /// The roles every feature reads, in role order.
    static func roles(_ features: [Feature], present: Set<BandRole>) -> [BandRole] {
        Array(Set(features.flatMap { $0.roles(present: present) })).sorted()
    }

    /// Feature `k` of cell `i` (NaN where a band is not finite).
    func value(_ k: Int, cell i: Int, reader: TileReader) -> Double {
        switch plans[k] {
        case .slot(let s): return reader.value(slot: s, cell: i)
        case .index(let index, let red, let nir, let blue, let green, let redEdge):
            func x(_ s: Int?) -> Double { s.map { reader.value(slot: $0, cell: i) } ?? .nan }
            return index.value(blue: x(blue), green: x(green), red: x(red), redEdge: x(redEdge), nir: x(nir))
        }
    }
}
