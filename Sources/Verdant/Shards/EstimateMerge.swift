import Foundation
import GDALKit

/// Merges the partials of a sharded estimate into the report of the whole run: the same figures, to the bit, as
/// the run on one machine (`EstimateJob.run`).
///
/// The partials must come from the same request (fingerprint) on the same inputs (checksums) by this version
/// of Verdant, and together be every shard of the run exactly once; each parcel's sums are added tile by tile in
/// tile order, as on one machine, and the figures, totals and intervals are made from them as there.
public enum EstimateMerge {
    /// The merged report of `partials` (the files they were read from in `files`, for errors), made with
    /// `request`: the request the shards ran (`RequestFingerprint` checks that it is).
    public static func report(
        _ request: EstimateRequest, partials: [EstimatePartial], files: [String]? = nil
    ) throws -> EstimateReport {
        let names = files ?? partials.map { "shard \($0.shard)" }
        try check(partials, names: names, request: request)
        let first = partials.sorted { $0.shard.index < $1.shard.index }
        let facts = first[0].layer
        // The parcels as the first shard that processed each made them (every one that did made the same).
        var records = [EstimatePartial.ParcelRecord?](repeating: nil, count: facts.parcelCount)
        var from = [Int](repeating: -1, count: facts.parcelCount)
        for (k, partial) in first.enumerated() {
            for r in partial.parcels {
                guard (0..<facts.parcelCount).contains(r.index), facts.ids[r.index] == r.id else {
                    throw VerdantError.input(
                        file: names[k], problem: "holds a parcel '\(r.id)' that is not parcel \(r.index) of its layer")
                }
                if let earlier = records[r.index] {
                    guard earlier == r else {
                        throw VerdantError.input(
                            file: names[k],
                            problem:
                                "measures parcel '\(r.id)' otherwise than \(names[from[r.index]]) does: the shards did not run the same Verdant on the same parcels"
                        )
                    }
                } else {
                    records[r.index] = r
                    from[r.index] = k
                }
            }
        }
        if let missing = records.firstIndex(where: { $0 == nil }) {
            throw VerdantError.input(
                file: names[0],
                problem:
                    "parcel '\(facts.ids[missing])' was processed by no shard: the partials are not of one sharded run")
        }
        let parcels = try records.map { try parcel($0!) }
        let layer = ParcelLayer(
            path: facts.path, layerName: facts.layerName, fields: try facts.fields.map(field), idField: facts.idField,
            crsWKT: facts.crsWKT, crsName: facts.crsName, featureCount: facts.featureCount, parcels: parcels,
            warnings: facts.warnings)
        // Every tile's sums, in tile order (each tile read by one shard only).
        var tiles: [(tile: Int, record: EstimatePartial.TileRecord, file: String)] = []
        for (k, partial) in first.enumerated() { tiles += partial.tiles.map { ($0.tile, $0, names[k]) } }
        tiles.sort { $0.tile < $1.tile }
        for (a, b) in zip(tiles, tiles.dropFirst()) where a.tile == b.tile {
            throw VerdantError.input(file: b.file, problem: "reads tile \(b.tile), which \(a.file) reads too")
        }
        var sums = [ParcelSums](repeating: ParcelSums(), count: parcels.count)
        var signs = (positive: 0, negative: 0)
        for t in tiles {
            for c in t.record.parcels {
                guard (0..<sums.count).contains(c.parcel) else {
                    throw VerdantError.input(file: t.file, problem: "has sums of a parcel \(c.parcel) it does not have")
                }
                sums[c.parcel].add(c.sums)
            }
            guard t.record.signs.count == 2 else {
                throw VerdantError.input(file: t.file, problem: "tile \(t.tile) has no band-swap counts")
            }
            signs.positive += t.record.signs[0]
            signs.negative += t.record.signs[1]
        }
        // The context of the figures, as the shards had it: the rasters' grid and bands (headers only).
        let started = Date()
        let rules = try CellRules(model: request.model, masks: request.masks)
        let roles = rules.requiredRoles(for: request.inputs)
        let inputs = try ResolvedInputs.resolve(request.inputs, roles: roles)
        let plan = try TilePlan(
            width: inputs.grid.width, height: inputs.grid.height, blockWidth: inputs.blockWidth,
            blockHeight: inputs.blockHeight, requested: request.execution.tileSize)
        guard
            EstimatePartial.GridFacts(plan: plan, width: inputs.grid.width, height: inputs.grid.height)
                == first[0].grid
        else {
            throw VerdantError.input(
                file: names[0], problem: "was made on another grid or tiles than \(inputs.bands[0].source) has now")
        }
        let picture = try first[0].pictureSize.map { size in
            NDVIPicture.Builder(grid: inputs.grid, maxSize: size).picture(
                try tiles.map { t in
                    guard let p = t.record.picture else {
                        throw VerdantError.input(file: t.file, problem: "has no picture sums for tile \(t.tile)")
                    }
                    return p
                })
        }
        let context = EstimateJob.PassContext(
            inputs: inputs, rules: rules, roles: roles,
            greenThreshold: try GreenCover.threshold(request.greenThreshold, for: rules.index), plan: plan,
            tilesRead: tiles.count, started: started, phases: [("merge", Date().timeIntervalSince(started))],
            mark: Date())
        return try EstimateJob.assemble(
            request, pass: context, layer: layer, areas: records.map { $0!.areaM2 },
            covered: records.map { $0!.covered }, sums: sums, signs: signs, picture: picture)
    }

    /// Throws unless `partials` are every shard of one run of `request` by this Verdant, each once.
    static func check(_ partials: [EstimatePartial], names: [String], request: EstimateRequest) throws {
        guard let first = partials.first else { throw VerdantError.usage("no partials to merge") }
        for (p, name) in zip(partials, names) {
            if let problem = OutputSchema.estimatePartial.problem(schema: p.schema, schemaVersion: p.schemaVersion) {
                throw VerdantError.input(file: name, problem: "\(problem)")
            }
            guard p.verdantVersion == VerdantVersion.verdant else {
                throw VerdantError.input(
                    file: name,
                    problem:
                        "was written by Verdant \(p.verdantVersion); this is Verdant \(VerdantVersion.verdant): run every shard and the merge with one version"
                )
            }
        }
        let n = first.shard.count
        if let other = zip(partials, names).first(where: { $0.0.shard.count != n }) {
            throw VerdantError.input(
                file: other.1,
                problem: "is shard \(other.0.shard) of \(other.0.shard.count), not of \(n) like \(names[0])")
        }
        var seen: [Int: String] = [:]
        for (p, name) in zip(partials, names) {
            if let earlier = seen[p.shard.index] {
                throw VerdantError.input(
                    file: name, problem: "is shard \(p.shard) again (\(earlier) is too): give each shard once")
            }
            seen[p.shard.index] = name
        }
        let missing = (0..<n).filter { seen[$0] == nil }
        if !missing.isEmpty {
            throw VerdantError.usage(
                "the partials are \(partials.count) of \(n) shards: shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(n)" }.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") missing"
            )
        }
        let fingerprint = RequestFingerprint.of(request)
        for (p, name) in zip(partials, names) {
            guard p.requestSHA256 == first.requestSHA256 else {
                throw VerdantError.input(
                    file: name,
                    problem:
                        "is a shard of another request than \(names[0]) (other options, model, factors or tile size)")
            }
            guard p.inputs == first.inputs else {
                let changed = Set(p.inputs.keys).union(first.inputs.keys).sorted().first {
                    p.inputs[$0] != first.inputs[$0]
                }
                throw VerdantError.input(
                    file: name,
                    problem:
                        "read other inputs than \(names[0]) (\(changed ?? "the input files") differs): every shard must read the same files"
                )
            }
            guard p.grid == first.grid, p.layer == first.layer, p.pictureSize == first.pictureSize,
                p.partition == first.partition
            else {
                throw VerdantError.input(
                    file: name,
                    problem:
                        "differs from \(names[0]) in its grid, tiles, parcel layer or picture: the partials are not of one run"
                )
            }
        }
        guard first.requestSHA256 == fingerprint else {
            throw VerdantError.usage(
                "the request to merge with is not the one the shards ran (\(names[0]) has another fingerprint)")
        }
    }

    static func parcel(_ r: EstimatePartial.ParcelRecord) throws -> Parcel {
        guard let wkb = Data(base64Encoded: r.sourceWKB) else {
            throw VerdantError.internal("parcel \(r.id): its source geometry is not base64")
        }
        var reader = WKBReader(bytes: [UInt8](Data(base64Encoded: r.outline) ?? Data()))
        guard let outline = reader.polygonal() else {
            throw VerdantError.internal("parcel \(r.id): its outline is not a base64 WKB multipolygon")
        }
        let polygons = try outline.map { rings -> Polygon in
            let coordinates = try rings.map { ring -> [Coordinate] in
                guard ring.count % 2 == 0 else { throw VerdantError.internal("parcel \(r.id): a ring of odd length") }
                return stride(from: 0, to: ring.count, by: 2).map { Coordinate(x: ring[$0], y: ring[$0 + 1]) }
            }
            return Polygon(exterior: coordinates.first ?? [], holes: Array(coordinates.dropFirst()))
        }
        return Parcel(
            id: r.id, attributes: r.attributes.map(\.field), geometry: MultiPolygon(polygons: polygons),
            sourceWKB: [UInt8](wkb), featureCount: r.featureCount, notes: r.notes)
    }

    static func field(_ f: EstimatePartial.Field) throws -> FieldDefinition {
        guard let type = FieldType(rawValue: f.type), let subtype = FieldSubtype(rawValue: f.subtype) else {
            throw VerdantError.internal("field \(f.name): unknown type \(f.type)/\(f.subtype)")
        }
        return FieldDefinition(name: f.name, type: type, subtype: subtype)
    }
}
