import Foundation
import GDALKit

/// Reads parcels through OGR (plain GeoJSON through `GeoJSONReader`): picks the layer and id, repairs invalid
/// geometry, merges features that share an id, and brings every polygon onto the raster's CRS (densifying edges
/// first so that they stay right).
public enum ParcelLoader {
    /// Loads the parcels of `source` for analysis on `grid`.
    public static func load(
        _ source: ParcelSource, onto grid: RasterGrid, threads: Int = 1,
        progress: ProgressSink? = nil, limits: VertexLimits = VertexLimits()
    ) throws -> ParcelLayer {
        try load(
            source, onto: grid, threads: threads, progress: progress, measuring: nil, featuresRead: nil, limits: limits
        ).layer
    }

    /// A parcel's exact coverage of the analysis grid's cells and its area in m², made from its densified
    /// polygons while they are at hand.
    struct Measure: Sendable {
        /// The coverage.
        var coverage: SparseCoverage
        /// The area.
        var area: Double

        /// The measure of `polygons` (in canonical order) on `cells` of `grid`.
        init(_ polygons: MultiPolygon, cells: CellGrid, grid: RasterGrid) {
            coverage = SparseCoverage(polygon: polygons, grid: cells)
            area = grid.area(of: polygons)
        }
    }

    /// Loads the parcels; with `cells`, also measures each parcel on those cells and keeps only its outline
    /// (vertices transformed, not densified) as its geometry, so that the densified polygons of all parcels are
    /// never held at once. `featuresRead` is called once the features are read.
    static func load(
        _ source: ParcelSource, onto grid: RasterGrid, threads: Int, progress: ProgressSink?,
        measuring cells: CellGrid?, featuresRead: (@Sendable () -> Void)?,
        budget: MemoryBudget? = nil, limits: VertexLimits = VertexLimits(), selection: ParcelSelection? = nil
    ) throws -> (layer: ParcelLayer, measures: [Measure]?, selected: [Bool]?) {
        let path = source.path
        if let remote = RemotePath(path) {
            try remote.checkExists()
        } else if !path.hasPrefix("/vsi") && !FileManager.default.fileExists(atPath: path) {
            throw VerdantError.input(file: path, problem: "no such file")
        }
        let table = try features(of: source, threads: threads)
        featuresRead?()
        // About 2 KB a feature, its source geometry kept and its outline and densified polygons made from it.
        try budget?.charge(
            table.labels.count * 2048 + table.wkbs.reduce(0) { $0 + ($1?.count ?? 0) } * 4, file: path,
            doing: "reading its \(table.labels.count) features")
        let fields = table.fields
        var warnings: [String] = []
        var idIndex: Int?
        if let idField = source.idField {
            guard
                let i = fields.firstIndex(where: { $0.name == idField })
                    ?? fields.firstIndex(where: { $0.name.lowercased() == idField.lowercased() })
            else {
                throw VerdantError.input(
                    file: path,
                    problem:
                        "layer '\(table.layerName)' has no field '\(idField)' for \(param: .idField) (fields: \(fields.map(\.name).joined(separator: ", ")))"
                )
            }
            idIndex = i
        } else {
            let (i, warning) = defaultIDField(table)
            idIndex = i
            if let warning { warnings.append(warning) }
        }
        let assumed = try source.assumedCRS.map { text in
            do { return try SpatialReference(userInput: text) } catch {
                throw VerdantError.invalidParameter(
                    .assumedParcelsCRS, problem: "'\(text)' is not a CRS GDAL knows: \(error)")
            }
        }
        // A CRS the file states wins; a format's default (GeoJSON without `crs`) gives way to the assumed one.
        let stated = table.crsStated ? table.crs : nil
        guard let layerCRS = stated ?? assumed ?? table.crs else {
            throw VerdantError.input(
                file: path,
                problem:
                    "layer '\(table.layerName)' has no CRS; give one with \(param: .assumedParcelsCRS) (e.g. EPSG:4326)"
            )
        }
        if let assumed, let stated, !assumed.isSame(as: stated) {
            warnings.append(
                String(
                    naming:
                        "\(param: .assumedParcelsCRS) \(source.assumedCRS!) was not used: \(path) states its CRS (\(stated.name))"
                ))
        }
        let rasterCRS = try SpatialReference(userInput: grid.crsWKT)
        let sameCRS = layerCRS.isSame(as: rasterCRS)
        // Fail before any geometry is processed when PROJ cannot transform between the two CRSs at all.
        if !sameCRS { _ = try CoordinateTransformation(from: layerCRS, to: rasterCRS) }
        let tolerance = densifyTolerance(grid: grid)
        // Parcels of almost no area are held to 1e-10 m² rather than to a share of their area.
        let metresPerUnit = grid.isGeographic ? grid.unitSize * grid.ellipsoid.semiMajorAxis : grid.unitSize
        let areaFloor = 1e-10 / (metresPerUnit * metresPerUnit)

        // Ids in file order; geometry (repair, densify, reproject) in parallel, one transformation per worker,
        // results in file order.
        let featureCount = table.labels.count
        if featureCount == 0 {
            throw VerdantError.input(file: path, problem: "layer '\(table.layerName)' has no features")
        }
        var ids: [String] = []
        ids.reserveCapacity(featureCount)
        for i in 0..<featureCount {
            guard let idIndex else { ids.append(table.labels[i]); continue }
            let v = table.attributes[i][idIndex]
            guard v != .null, !v.description.isEmpty else {
                throw VerdantError.input(
                    file: path, problem: "feature \(table.labels[i]) has no value in id field '\(fields[idIndex].name)'"
                )
            }
            ids.append(v.description)
        }
        let labels = table.labels, attributes = table.attributes, wkbs = table.wkbs
        let sourceWKT = layerCRS.wkt, targetWKT = grid.crsWKT
        let geometries = wkbs, names = labels, parcelIDs = ids
        // A parcel of one feature is measured as soon as its polygons are made; parcels of several features are
        // measured once their parts are put together.
        var featuresPerID: [String: Int] = [:]
        for id in ids { featuresPerID[id, default: 0] += 1 }
        let alone = ids.map { featuresPerID[$0] == 1 }
        let geographic = layerCRS.isGeographic
        // A shard processes only the parcels that can reach its rows: each feature's envelope on the raster's CRS
        // (and its geometry type, so that the layer's warnings are the whole layer's in every shard).
        var processed: [Bool]?
        var featureKinds: [String?] = []
        if let selection {
            let extents = try ParallelMap.map(
                count: featureCount, threads: threads,
                makeWorker: { try transformation(sameCRS ? nil : (sourceWKT, targetWKT)) },
                body: { ct, i in ParcelSelection.extent(of: geometries[i], transformation: ct) })
            var byID: [String: [ParcelSelection.Extent]] = [:]
            for i in 0..<featureCount { byID[ids[i], default: []].append(extents[i].extent) }
            let keep = byID.mapValues { selection.keeps($0) }
            processed = ids.map { keep[$0]! }
            featureKinds = extents.map(\.nonPolygonal)
        }
        let process = processed, skippedKinds = featureKinds
        let vertexCount = VertexTally()
        let shapes = try ParallelMap.map(
            count: featureCount, threads: threads, progress: progress,
            makeWorker: { try transformation(sameCRS ? nil : (sourceWKT, targetWKT)) },
            body: { ct, i -> Shape in
                // Another shard's parcel: a placeholder with its source geometry and type, never measured.
                if let process, !process[i] {
                    return Shape(
                        polygons: [], wkb: geometries[i] ?? [], notes: [], nonPolygonal: skippedKinds[i])
                }
                var notes: [String] = []
                var kind: String?
                let (polygons, outline, wkb) = try geometry(
                    wkb: geometries[i], label: names[i], transformation: ct,
                    tolerance: tolerance, areaFloor: areaFloor, notes: &notes, file: path,
                    parcel: parcelIDs[i], limits: limits, total: vertexCount,
                    geographic: geographic, nonPolygonal: &kind)
                guard let cells, alone[i] else {
                    return Shape(polygons: polygons, wkb: wkb, notes: notes, nonPolygonal: kind)
                }
                let measure = Measure(MultiPolygon(polygons: canonical(polygons)), cells: cells, grid: grid)
                try budget?.charge(
                    measure.coverage.memoryBytes, file: path,
                    doing: "the exact coverage of its \(featureCount) parcels")
                return Shape(polygons: outline, wkb: wkb, notes: notes, measure: measure, nonPolygonal: kind)
            })
        let kinds = Set(shapes.compactMap(\.nonPolygonal))
        if !kinds.isEmpty && shapes.allSatisfy({ $0.nonPolygonal != nil || $0.wkb.isEmpty }) {
            throw VerdantError.input(
                file: path,
                problem:
                    "layer '\(table.layerName)' holds \(kinds.sorted().joined(separator: " and ")) geometries, not polygons: per-parcel sums need areas — buffer points or lines into polygons first (e.g. ogr2ogr with -dialect sqlite -sql \"SELECT ST_Buffer(geometry, 20) AS geometry, * FROM layer\"), or use points as field plots with `verdant calibrate --plots`"
            )
        }
        let mixed = shapes.filter { $0.nonPolygonal != nil }.count
        if mixed > 0 {
            warnings.append(
                "\(mixed) of \(featureCount) features of \(path) are not polygons (\(kinds.sorted().joined(separator: ", "))): their rows are kept with no figures and the run is partial"
            )
        }
        var order: [String] = []
        var groups: [String: [(attributes: [FieldValue], shape: Shape)]] = [:]
        for i in 0..<featureCount {
            if groups[ids[i]] == nil { order.append(ids[i]) }
            groups[ids[i], default: []].append((attributes[i], shapes[i]))
        }
        var measures: [Measure] = []
        let parcels: [Parcel] = order.map { id in
            let parts = groups[id]!
            var notes = parts.flatMap(\.shape.notes)
            if parts.count > 1 { notes.append("\(parts.count) features share this id and are summed as one parcel") }
            // Canonical part order, so that the same features in another order give the same bits.
            let polygons = MultiPolygon(polygons: canonical(parts.flatMap(\.shape.polygons)))
            if let cells { measures.append(parts[0].shape.measure ?? Measure(polygons, cells: cells, grid: grid)) }
            let wkb = parts.count == 1 ? parts[0].shape.wkb : mergedWKB(parts.map(\.shape.wkb))
            return Parcel(
                id: id, attributes: parts[0].attributes, geometry: polygons, sourceWKB: wkb,
                featureCount: parts.count, notes: notes)
        }
        let layer = ParcelLayer(
            path: path, layerName: table.layerName, fields: fields, idField: idIndex.map { fields[$0].name },
            crsWKT: layerCRS.wkt, crsName: layerCRS.name, featureCount: featureCount, parcels: parcels,
            warnings: warnings)
        let selected = processed.map { flags in
            var first: [String: Bool] = [:]
            for i in 0..<featureCount where first[ids[i]] == nil { first[ids[i]] = flags[i] }
            return order.map { first[$0]! }
        }
        return (layer, cells == nil ? nil : measures, selected)
    }

    /// A worker's own transformation between two CRSs (as WKT); nil when there is nothing to transform.
    static func transformation(_ crss: (source: String, target: String)?) throws -> CoordinateTransformation? {
        guard let crss else { return nil }
        return try CoordinateTransformation(
            from: SpatialReference(userInput: crss.source), to: SpatialReference(userInput: crss.target))
    }

    /// One feature's polygons on the raster's CRS (or, once measured, its outline), source WKB, notes and measure.
    struct Shape: Sendable {
        var polygons: [Polygon]
        var wkb: [UInt8]
        var notes: [String]
        var measure: Measure?
        /// The geometry type when the feature is not polygonal (a point or line has no area).
        var nonPolygonal: String?
    }

    /// Without `--id-field`: the attribute `parcel_id` (or else `id`), in any case, when every feature has a
    /// distinct non-empty value in it; when it exists but cannot serve, no field and a warning saying so.
    static func defaultIDField(_ table: FeatureTable) -> (index: Int?, warning: String?) {
        for name in ["parcel_id", "id"] {
            guard let i = table.fields.firstIndex(where: { $0.name.lowercased() == name }) else { continue }
            let field = table.fields[i].name
            let texts = table.attributes.map { $0[i] == .null ? "" : $0[i].description }
            if !texts.contains("") && Set(texts).count == texts.count {
                return (
                    i, String(naming: "no \(param: .idField) given: parcel ids are taken from the attribute '\(field)'")
                )
            }
            return (
                nil,
                String(
                    naming:
                        "no \(param: .idField) given and the attribute '\(field)' has empty or repeated values: parcel ids are the feature ids (give \(param: .idField) to choose)"
                )
            )
        }
        return (nil, nil)
    }

    /// Polygons in canonical order (by their first exterior vertex, then size).
    static func canonical(_ polygons: [Polygon]) -> [Polygon] {
        polygons.sorted { a, b in
            let ka = a.exterior.first.map { ($0.x, $0.y) } ?? (0, 0),
                kb = b.exterior.first.map { ($0.x, $0.y) } ?? (0, 0)
            return ka < kb || (ka == kb && a.exterior.count < b.exterior.count)
        }
    }

    /// The features of the source's layer: read by `GeoJSONReader` when the file is a GeoJSON file it takes
    /// (the same features as OGR's, faster), else through OGR.
    static func features(of source: ParcelSource, threads: Int) throws -> FeatureTable {
        let path = source.path
        if source.layer == nil && GeoJSONReader.handles(path),
            let table = try? GeoJSONReader.read(path: path, threads: threads)
        {
            return table
        }
        let dataset: VectorDataset
        do { dataset = try VectorDataset.open(RemotePath.gdalPath(path)) } catch {
            throw VerdantError.input(file: path, problem: "is not a vector file GDAL can open (\(error))")
        }
        return try FeatureTable(layer: try pickLayer(source, in: dataset))
    }

    static func pickLayer(_ source: ParcelSource, in dataset: VectorDataset) throws -> VectorLayer {
        if let name = source.layer {
            do { return try dataset.layer(named: name) } catch {
                throw VerdantError.input(
                    file: source.path,
                    problem: "has no layer '\(name)' (layers: \(dataset.layerNames.joined(separator: ", ")))")
            }
        }
        // QGIS's style table (`layer_styles`, in Verdant's own GeoPackages too) holds no parcels.
        let candidates = (0..<dataset.layerCount).filter {
            dataset.layerCount == 1 || (try? dataset.layer(at: $0).name) != "layer_styles"
        }
        switch candidates.count {
        case 0: throw VerdantError.input(file: source.path, problem: "has no vector layer")
        case 1: return try dataset.layer(at: candidates[0])
        default:
            throw VerdantError.input(
                file: source.path,
                problem:
                    "has \(dataset.layerCount) layers; choose one with \(param: .layer) (layers: \(dataset.layerNames.joined(separator: ", ")))"
            )
        }
    }

    /// How far (in the raster's units) a densified edge may stray from the exact image of its source edge:
    /// 1e-7 of a cell, but never under 1 µm.
    ///
    /// A chord within s of the curve moves at most √2·s·cell of a cell's area, so fractions are right to ~1.4e-7;
    /// the parcel's area is held to 1e-9 relative separately (`RingProjector.relativeArea`). The micrometre floor
    /// keeps the work bounded whatever the cell size (a 1e-9 m cell, or a corrupt pixel scale, asks for no more
    /// points than a 10 m one), and is far above double rounding of UTM coordinates (~1e-10 m).
    static func densifyTolerance(grid: RasterGrid) -> Double {
        let metresPerUnit = grid.isGeographic ? grid.unitSize * grid.ellipsoid.semiMajorAxis : grid.unitSize
        let cellMetres = abs(grid.geoTransform.cellWidth) * metresPerUnit
        let metres = max(cellMetres * 1e-7, 1e-6)
        return metres.isFinite && metresPerUnit > 0 ? metres / metresPerUnit : 1e-6
    }

    /// The parcel's polygons on the raster's CRS (densified by `RingProjector` to `tolerance` target units), its
    /// outline (the same with the vertices only) and its source WKB. Throws when the parcel (`parcel`) needs more
    /// vertices than `limits` allow, alone or with the others (`total`).
    static func geometry(
        wkb: [UInt8]?, label: String, transformation: CoordinateTransformation?,
        tolerance: Double, areaFloor: Double = 0, notes: inout [String], file: String, parcel: String = "",
        limits: VertexLimits = VertexLimits(), total: VertexTally? = nil,
        geographic: Bool = false, nonPolygonal: inout String?
    ) throws -> ([Polygon], [Polygon], [UInt8]) {
        guard let wkb, var geometry = try? Geometry(wkb: wkb), !geometry.isEmpty else {
            notes.append("empty geometry: the parcel has no area")
            return ([], [], [])
        }
        // The source WKB as read (OGR's ISO WKB, or the GeoJSON reader's, which is the same): kept for outputs.
        let original = wkb
        guard geometry.isPolygonal || geometry.typeName.uppercased().contains("COLLECTION") else {
            notes.append(
                "failed: geometry is a \(geometry.typeName), not a polygon: the parcel has no area (buffer it into a polygon)"
            )
            nonPolygonal = geometry.typeName
            return ([], [], original)
        }
        var (rings, dropped) = geometry.polygons()
        let sourceVertices = rings.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
        let name = parcel.isEmpty ? label : parcel
        if sourceVertices > limits.perParcel {
            throw VerdantError.input(
                file: file,
                problem:
                    "parcel '\(name)' has \(sourceVertices) vertices, more than \(param: .maxParcelVertices) \(limits.perParcel); raise the limit with \(param: .maxParcelVertices) N"
            )
        }
        // One ring decided simple (or crossing) by the sweep skips GEOS's check, which is quadratic on spiky rings.
        let quick: SimpleRingCheck.Answer =
            rings.count == 1 && rings[0].count == 1 && sourceVertices > 64
            ? SimpleRingCheck.check(rings[0][0]) : .unknown
        if quick == .crosses || (quick == .unknown && !geometry.isValid) {
            if sourceVertices > limits.repair {
                throw VerdantError.input(
                    file: file,
                    problem:
                        "parcel '\(name)' is invalid (self-intersecting or overlapping rings) and has \(sourceVertices) vertices, more than \(param: .maxRepairVertices) \(limits.repair) (repair time grows with the square of its size); repair it first (e.g. ogr2ogr -makevalid) or raise the limit with \(param: .maxRepairVertices) N"
                )
            }
            if GDAL.hasGEOS {
                do {
                    geometry = try geometry.makeValid()
                    notes.append("invalid geometry repaired with GDAL MakeValid")
                } catch {
                    notes.append("invalid geometry could not be repaired (\(error)); used as given")
                }
            } else {
                notes.append("invalid geometry used as given: this GDAL has no GEOS to repair it")
            }
            (rings, dropped) = geometry.polygons()
        }
        if dropped > 0 { notes.append("\(dropped) non-polygon part(s) left out") }
        if geographic, let p = firstOutsideLonLat(rings) {
            throw VerdantError.input(
                file: file,
                problem:
                    "feature \(label) has the coordinate (\(p.x), \(p.y)), outside longitude/latitude range, although the layer's CRS is geographic: if the coordinates are projected (e.g. UTM), give their CRS with \(param: .assumedParcelsCRS) (e.g. EPSG:32647)"
            )
        }
        var polygons: [Polygon] = [], outline: [Polygon] = []
        if let transformation {
            var projector = RingProjector(transformation: transformation, tolerance: tolerance)
            projector.maxVertices = limits.perParcel
            projector.areaFloor = areaFloor
            do {
                let (densified, vertices, counts) = try projector.projectWithVertices(rings)
                for (d, v) in zip(densified, vertices) {
                    polygons.append(Polygon(exterior: d.first ?? [], holes: Array(d.dropFirst())))
                    outline.append(Polygon(exterior: v.first ?? [], holes: Array(v.dropFirst())))
                }
                if let total, total.add(counts.vertices) > limits.total {
                    throw VerdantError.input(
                        file: file,
                        problem:
                            "the parcels need more than \(param: .maxTotalVertices) \(limits.total) vertices in all after densification (reached at parcel '\(name)'); raise the limit with \(param: .maxTotalVertices) N"
                    )
                }
            } catch let error as RingProjector.TooManyVertices {
                throw VerdantError.input(
                    file: file,
                    problem:
                        "parcel '\(name)' needs \(error.needed) vertices after densification, more than \(param: .maxParcelVertices) \(limits.perParcel); raise the limit with \(param: .maxParcelVertices) N"
                )
            } catch let error as VerdantError {
                throw error
            } catch {
                // One bad feature does not stop the run: its parcel keeps its row, flagged as failed (exit code 3).
                notes.append("failed: cannot be transformed to the raster's CRS (\(error)); the parcel has no figures")
                return ([], [], original)
            }
        } else {
            polygons = rings.map { polygon in
                Polygon(
                    exterior: polygon.first.map { $0.map { Coordinate(x: $0.x, y: $0.y) } } ?? [],
                    holes: polygon.dropFirst().map { $0.map { Coordinate(x: $0.x, y: $0.y) } })
            }
            outline = polygons
            if let total, total.add(sourceVertices) > limits.total {
                throw VerdantError.input(
                    file: file,
                    problem:
                        "the parcels have more than \(param: .maxTotalVertices) \(limits.total) vertices in all (reached at parcel '\(name)'); raise the limit with \(param: .maxTotalVertices) N"
                )
            }
        }
        return (polygons, outline, original)
    }

    /// The first vertex of `rings` outside longitude/latitude range (|x| ≤ 360, |y| ≤ 90), if any.
    static func firstOutsideLonLat(_ polygons: [[[(x: Double, y: Double)]]]) -> (x: Double, y: Double)? {
        for rings in polygons {
            for ring in rings {
                for p in ring where !(abs(p.x) <= 360 && abs(p.y) <= 90 + 1e-9) { return p }
            }
        }
        return nil
    }

    static func mergedWKB(_ parts: [[UInt8]]) -> [UInt8] {
        var polygons: [[[(x: Double, y: Double)]]] = []
        for wkb in parts where !wkb.isEmpty {
            if let g = try? Geometry(wkb: wkb) { polygons += g.polygons().polygons }
        }
        return Geometry(multiPolygon: polygons).wkb
    }
}
