/// The acquisitions of a time series with the run's masks: read from a dates table or STAC items, then brought
/// onto one analysis grid.
public struct SeriesInputs: Hashable, Sendable {
    /// The acquisitions, in date order.
    public var acquisitions: [Acquisition]
    /// The quality masks every date shares.
    public var masks: MaskRules

    /// Acquisitions and masks as given.
    public init(acquisitions: [Acquisition], masks: MaskRules) {
        self.acquisitions = acquisitions
        self.masks = masks
    }

    /// The acquisitions of a dates table (`--dates`), each with the run's other input options.
    public static func dates(_ path: String, setup: SensorSetup, needing roles: [BandRole]) throws -> SeriesInputs {
        let (acquisitions, masks) = try DatesTable.read(path, setup: setup, needing: roles)
        return SeriesInputs(acquisitions: acquisitions, masks: masks)
    }

    /// The acquisitions of STAC items or ItemCollections (`--stac`): each item's `properties.datetime` is its
    /// date, its assets its bands, its `s2:processing_baseline` its offset. Items with the same datetime are one
    /// acquisition, mosaicked.
    public static func stac(_ files: [String], setup: SensorSetup, needing roles: [BandRole]) throws -> SeriesInputs {
        var acquisitions: [Acquisition] = []
        var masks: MaskRules?
        for item in try STACCollection.items(files) {
            let name = item.id.map { "item '\($0)'" } ?? "the item"
            guard let text = item.datetime else {
                throw VerdantError.input(file: item.file, problem: "\(name) has no properties.datetime")
            }
            guard let date = AcquisitionDate(text) else {
                throw VerdantError.input(
                    file: item.file, problem: "\(name): datetime '\(text)' is not an ISO 8601 date-time")
            }
            var s = setup
            s.rasters = []
            s.scene = nil
            s.stac = nil
            s.stacItem = item
            let resolved: (inputs: RasterInputs, masks: MaskRules)
            do { resolved = try s.resolve(needing: roles) } catch let e as VerdantError {
                throw VerdantError.input(file: item.file, problem: "\(name): \(e.description)")
            }
            masks = masks ?? resolved.masks
            if let i = acquisitions.firstIndex(where: { $0.date == date }) {
                var merged = acquisitions[i]
                guard merged.inputs.scaling == resolved.inputs.scaling,
                    Set(merged.inputs.bands.keys) == Set(resolved.inputs.bands.keys)
                else {
                    throw VerdantError.input(
                        file: item.file,
                        problem:
                            "\(name) has the datetime of \(merged.origin) (\(merged.file)) but other bands or another reflectance offset, so the two cannot be mosaicked"
                    )
                }
                for (role, source) in resolved.inputs.bands { merged.inputs.bands[role]!.paths += source.paths }
                merged.origin += ", \(name)"
                acquisitions[i] = merged
            } else {
                acquisitions.append(Acquisition(date: date, inputs: resolved.inputs, file: item.file, origin: name))
            }
        }
        acquisitions.sort { $0.date < $1.date }
        return SeriesInputs(acquisitions: acquisitions, masks: masks ?? MaskRules())
    }

    /// Keeps the acquisitions from `from` to `to` (inclusive; nil: open); throws when none is left.
    public func between(_ from: AcquisitionDate?, _ to: AcquisitionDate?) throws -> SeriesInputs {
        var out = self
        out.acquisitions = acquisitions.filter { a in
            (from.map { a.date >= $0 } ?? true) && (to.map { a.date <= $0 } ?? true)
        }
        if out.acquisitions.isEmpty {
            throw VerdantError.usage(
                "no acquisition lies between \(param: .from) \(from?.text ?? "…") and \(param: .to) \(to?.text ?? "…") (dates \(acquisitions.first?.date.text ?? "") to \(acquisitions.last?.date.text ?? ""))"
            )
        }
        return out
    }

    /// Resolves every date, checking all of them before any work: the analysis grid is the finest of the dates'
    /// own grids (each chosen by `--grid`/`--resolution` as for one date), the earliest of equally fine ones; every
    /// date is brought onto it and cut into the same tiles. `roles` gives the roles a date's inputs must have.
    /// Errors name the date's origin (the table row or item) and the file.
    public func onCommonGrid(
        roles: (RasterInputs) -> [BandRole]
    ) throws -> (acquisitions: [Acquisition], resolved: [ResolvedInputs], grid: RasterGrid) {
        guard !acquisitions.isEmpty else { throw VerdantError.usage("a time series needs at least one date") }
        var first: [ResolvedInputs] = []
        for a in acquisitions {
            first.append(try Self.resolve(a, roles: roles(a.inputs)))
        }
        // The finest grid; the earliest of equally fine ones.
        var best = 0
        for i in first.indices.dropFirst() {
            let a = first[i].grid, b = first[best].grid
            if a.cellArea(row: a.height / 2) < b.cellArea(row: b.height / 2) * (1 - 1e-9) { best = i }
        }
        let grid = first[best].grid
        let block = first[best].tileBlock
        var out = acquisitions
        var resolved = first
        for i in out.indices {
            out[i].inputs.targetGrid = grid
            out[i].inputs.targetBlock = block
            if first[i].grid != grid || first[i].tileBlock != block {
                resolved[i] = try Self.resolve(out[i], roles: roles(out[i].inputs))
            }
        }
        return (out, resolved, grid)
    }

    private static func resolve(_ a: Acquisition, roles: [BandRole]) throws -> ResolvedInputs {
        do { return try ResolvedInputs.resolve(a.inputs, roles: roles) } catch let e as VerdantError {
            throw VerdantError.input(file: a.file, problem: "\(a.origin): \(e.description)")
        }
    }
}
