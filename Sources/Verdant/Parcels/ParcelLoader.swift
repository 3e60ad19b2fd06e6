import Foundation
import GDALKit

/// Reads parcels through OGR (plain GeoJSON through `GeoJSONReader`): picks the layer and id, repairs invalid
/// geometry, merges features that share an id, and brings every polygon onto the raster's CRS (densifying edges
/// first so that they stay right).
public enum ParcelLoader {
    /// Loads the parcels of `source` for analysis on `grid`.
    public static func load(_ source: ParcelSource, onto grid: RasterGrid, threads: Int = 1,
                            progress: ProgressSink? = nil) throws -> ParcelLayer {
        let path = source.path
        if !path.hasPrefix("/vsi") && !FileManager.default.fileExists(atPath: path) {
            throw VerdantError.input(file: path, problem: "no such file")
        }
        let table = try features(of: source, threads: threads)
        let fields = table.fields
        var idIndex: Int?
        if let idField = source.idField {
            guard let i = fields.firstIndex(where: { $0.name == idField }) ?? fields.firstIndex(where: { $0.name.lowercased() == idField.lowercased() }) else {
                throw VerdantError.input(file: path, problem: "layer '\(table.layerName)' has no field '\(idField)' for --id-field (fields: \(fields.map(\.name).joined(separator: ", ")))")
            }
            idIndex = i
        }
        guard let layerCRS = try table.crs ?? source.assumedCRS.map({ text in
            do { return try SpatialReference(userInput: text) } catch {
                throw VerdantError.usage("--assume-parcels-crs '\(text)' is not a CRS GDAL knows: \(error)")
            }
        }) else {
            throw VerdantError.input(file: path, problem: "layer '\(table.layerName)' has no CRS; give one with --assume-parcels-crs (e.g. EPSG:4326)")
        }
        let rasterCRS = try SpatialReference(userInput: grid.crsWKT)
        let sameCRS = layerCRS.isSame(as: rasterCRS)
        // Fail before any geometry is processed when PROJ cannot transform between the two CRSs at all.
        if !sameCRS { _ = try CoordinateTransformation(from: layerCRS, to: rasterCRS) }
        let densifyStep = densifyLength(grid: grid, source: layerCRS)
        // Densified points may come from a quadratic when it is within 1e-8 cell of the exact transform (the
        // chords of half-cell edges are themselves about 1e-8 cell off the curved edge on a UTM grid).
        let tolerance = abs(grid.geoTransform.cellWidth) * 1e-8

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
                throw VerdantError.input(file: path, problem: "feature \(table.labels[i]) has no value in id field '\(fields[idIndex].name)'")
            }
            ids.append(v.description)
        }
        let labels = table.labels, attributes = table.attributes, wkbs = table.wkbs
        let sourceWKT = layerCRS.wkt, targetWKT = grid.crsWKT
        let geometries = wkbs, names = labels
        let shapes = try ParallelMap.map(count: featureCount, threads: threads, progress: progress,
                                         makeWorker: { () throws -> CoordinateTransformation? in
                                             sameCRS ? nil : try CoordinateTransformation(from: SpatialReference(userInput: sourceWKT),
                                                                                          to: SpatialReference(userInput: targetWKT))
                                         },
                                         body: { ct, i -> ([Polygon], [UInt8], [String]) in
                                             var notes: [String] = []
                                             let (polygons, wkb) = try geometry(wkb: geometries[i], label: names[i], transformation: ct,
                                                                                densify: densifyStep, tolerance: tolerance,
                                                                                notes: &notes, file: path)
                                             return (polygons, wkb, notes)
                                         })
        var order: [String] = []
        var groups: [String: [(attributes: [FieldValue], polygons: [Polygon], wkb: [UInt8], notes: [String])]] = [:]
        for i in 0..<featureCount {
            if groups[ids[i]] == nil { order.append(ids[i]) }
            groups[ids[i], default: []].append((attributes[i], shapes[i].0, shapes[i].1, shapes[i].2))
        }
        let parcels: [Parcel] = order.map { id in
            let parts = groups[id]!
            var notes = parts.flatMap(\.notes)
            if parts.count > 1 { notes.append("\(parts.count) features share this id and are summed as one parcel") }
            // Canonical part order, so that the same features in another order give the same bits.
            let polygons = parts.flatMap(\.polygons).sorted { a, b in
                let ka = a.exterior.first.map { ($0.x, $0.y) } ?? (0, 0), kb = b.exterior.first.map { ($0.x, $0.y) } ?? (0, 0)
                return ka < kb || (ka == kb && a.exterior.count < b.exterior.count)
            }
            let wkb: [UInt8]
            if parts.count == 1 {
                wkb = parts[0].wkb
            } else {
                wkb = mergedWKB(parts.map(\.wkb))
            }
            return Parcel(id: id, attributes: parts[0].attributes, geometry: MultiPolygon(polygons: polygons),
                          sourceWKB: wkb, featureCount: parts.count, notes: notes)
        }
        return ParcelLayer(path: path, layerName: table.layerName, fields: fields, idField: idIndex.map { fields[$0].name },
                           crsWKT: layerCRS.wkt, crsName: layerCRS.name, featureCount: featureCount, parcels: parcels)
    }

    /// The features of the source's layer: read by `GeoJSONReader` when the file is a GeoJSON file it takes
    /// (the same features as OGR's, faster), else through OGR.
    static func features(of source: ParcelSource, threads: Int) throws -> FeatureTable {
        let path = source.path
        if source.layer == nil && GeoJSONReader.handles(path), let table = try? GeoJSONReader.read(path: path, threads: threads) {
            return table
        }
        let dataset: VectorDataset
        do { dataset = try VectorDataset.open(path) } catch {
            throw VerdantError.input(file: path, problem: "is not a vector file GDAL can open (\(error))")
        }
        return try FeatureTable(layer: try pickLayer(source, in: dataset))
    }

    static func pickLayer(_ source: ParcelSource, in dataset: VectorDataset) throws -> VectorLayer {
        if let name = source.layer {
            do { return try dataset.layer(named: name) } catch {
                throw VerdantError.input(file: source.path, problem: "has no layer '\(name)' (layers: \(dataset.layerNames.joined(separator: ", ")))")
            }
        }
        switch dataset.layerCount {
        case 0: throw VerdantError.input(file: source.path, problem: "has no vector layer")
        case 1: return try dataset.layer(at: 0)
        default:
            throw VerdantError.input(file: source.path, problem: "has \(dataset.layerCount) layers; choose one with --layer (layers: \(dataset.layerNames.joined(separator: ", ")))")
        }
    }

    /// The longest edge kept before transformation: half a raster cell, in the parcels' units.
    static func densifyLength(grid: RasterGrid, source: SpatialReference) -> Double {
        let cellMetres = grid.isGeographic
            ? abs(grid.geoTransform.cellWidth) * grid.unitSize * grid.ellipsoid.semiMajorAxis
            : abs(grid.geoTransform.cellWidth) * grid.unitSize
        let metresPerUnit = source.isGeographic ? source.angularUnitsInRadians * source.semiMajorAxis : source.linearUnitsInMetres
        return max(cellMetres / 2 / metresPerUnit, 1e-12)
    }

    /// The parcel's polygons on the raster's CRS (densified to `densify` source units first, through
    /// `RingProjector` with `tolerance` target units), and its source WKB.
    static func geometry(wkb: [UInt8]?, label: String, transformation: CoordinateTransformation?, densify: Double,
                         tolerance: Double, notes: inout [String], file: String) throws -> ([Polygon], [UInt8]) {
        guard let wkb, var geometry = try? Geometry(wkb: wkb), !geometry.isEmpty else {
            notes.append("empty geometry: the parcel has no area")
            return ([], [])
        }
        let original = geometry.wkb
        guard geometry.isPolygonal || geometry.typeName.uppercased().contains("COLLECTION") else {
            notes.append("geometry is a \(geometry.typeName), not a polygon: the parcel has no area")
            return ([], original)
        }
        if !geometry.isValid {
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
        }
        let (rings, dropped) = geometry.polygons()
        if dropped > 0 { notes.append("\(dropped) non-polygon part(s) left out") }
        var polygons: [Polygon] = []
        if let transformation {
            let projector = RingProjector(transformation: transformation, maxLength: densify, tolerance: tolerance)
            do {
                for polygon in rings {
                    let projected = try projector.project(polygon)
                    polygons.append(Polygon(exterior: projected.first ?? [], holes: Array(projected.dropFirst())))
                }
            } catch {
                // One bad feature does not stop the run: its parcel keeps its row, flagged as failed (exit code 3).
                notes.append("failed: cannot be transformed to the raster's CRS (\(error)); the parcel has no figures")
                return ([], original)
            }
        } else {
            polygons = rings.map { polygon in
                Polygon(exterior: polygon.first.map { $0.map { Coordinate(x: $0.x, y: $0.y) } } ?? [],
                        holes: polygon.dropFirst().map { $0.map { Coordinate(x: $0.x, y: $0.y) } })
            }
        }
        return (polygons, original)
    }

    static func mergedWKB(_ parts: [[UInt8]]) -> [UInt8] {
        var polygons: [[[(x: Double, y: Double)]]] = []
        for wkb in parts where !wkb.isEmpty {
            if let g = try? Geometry(wkb: wkb) { polygons += g.polygons().polygons }
        }
        return Geometry(multiPolygon: polygons).wkb
    }
}
