import Foundation
import GDALKit

/// The inputs opened and checked: every role's band found, mosaics built, and every band brought onto one
/// analysis grid (through GDAL virtual rasters: nearest neighbour for classes and masks, average or bilinear
/// for reflectance).
public struct ResolvedInputs: Hashable, Sendable {
    /// The bands, in role order.
    public var bands: [ResolvedBand]
    /// The analysis grid they share.
    public var grid: RasterGrid
    /// The user's reflectance conversion.
    public var scaling: ReflectanceScaling
    /// Who stated `scaling`.
    public var scalingOrigin: ScalingOrigin = .unstated
    /// The role whose file set the analysis grid.
    public var gridRole: BandRole
    var blockWidth: Int
    var blockHeight: Int
    /// Holds the virtual rasters alive while the inputs are in use.
    let scratch: ScratchFolder

    /// The natural block size of the grid's file.
    public var blockSize: (width: Int, height: Int) { (blockWidth, blockHeight) }

    /// The block size tiles are cut from, as a value.
    public var tileBlock: TileBlock { TileBlock(width: blockWidth, height: blockHeight) }

    /// Equality over every field but the scratch folder.
    public static func == (a: ResolvedInputs, b: ResolvedInputs) -> Bool {
        a.bands == b.bands && a.grid == b.grid && a.scaling == b.scaling && a.blockWidth == b.blockWidth
            && a.blockHeight == b.blockHeight
    }

    /// Hashes every field but the scratch folder.
    public func hash(into h: inout Hasher) {
        h.combine(bands); h.combine(grid); h.combine(scaling); h.combine(blockWidth); h.combine(blockHeight)
    }

    /// The band playing `role`, if any.
    public func band(_ role: BandRole) -> ResolvedBand? { bands.first { $0.role == role } }

    /// The roles present.
    public var roles: [BandRole] { bands.map(\.role) }

    /// Distinct rasters read, in role order.
    public var paths: [String] { unique(bands.map(\.path)) }

    /// Distinct user files, in role order.
    public var sourcePaths: [String] { unique(bands.map(\.source)) }

    private func unique(_ list: [String]) -> [String] {
        var seen: [String] = []
        for p in list where !seen.contains(p) { seen.append(p) }
        return seen
    }

    /// A band found in a file (or a mosaic), before it is brought onto the analysis grid.
    private struct Found {
        var role: BandRole
        var source: BandSource
        var dataset: Dataset
        var index: Int
        var band: ResolvedBand
        var crs: SpatialReference
        var geoTransform: GeoTransform
        var width: Int
        var height: Int
        var blockSize: (width: Int, height: Int)
    }

    /// Opens every file, finds every band, builds mosaics, and brings all bands onto one grid. `roles` must be
    /// present; any other role the inputs give (masks, more bands) is resolved too.
    public static func resolve(_ inputs: RasterInputs, roles: [BandRole]) throws -> ResolvedInputs {
        try inputs.validate()
        try inputs.require(roles)
        let scratch = ScratchFolder()
        let assumed = try inputs.assumedCRS.map { text in
            do { return try SpatialReference(userInput: text) } catch {
                throw VerdantError.invalidParameter(.assumedCRS, problem: "'\(text)' is not a CRS GDAL knows: \(error)")
            }
        }
        var opened: [String: Dataset] = [:]
        var found: [Found] = []
        for role in inputs.bands.keys.sorted() {
            let source = inputs.bands[role]!
            found.append(
                try find(
                    role: role, source: source, inputs: inputs, assumed: assumed, opened: &opened, scratch: scratch))
        }
        guard !found.isEmpty else { throw VerdantError.usage("no input bands given") }

        // The analysis grid: the chosen role's, or the finest.
        let base: Found
        if let gridRole = inputs.gridRole {
            guard let f = found.first(where: { $0.role == gridRole }) else {
                throw VerdantError.invalidParameter(
                    .gridBand, problem: "\(gridRole): the input has no \(gridRole) band")
            }
            base = f
        } else {
            base = found.min { cellSizeMetres($0) < cellSizeMetres($1) }!
        }
        var grid = try RasterGrid(
            path: base.source.path, width: base.width, height: base.height,
            geoTransform: base.geoTransform, crs: base.crs)
        if let target = inputs.targetGrid {
            grid = target
        } else if let resolution = inputs.resolution {
            grid = try grid.resampled(cellSize: resolution, file: base.source.path)
        }

        try checkScaling(found.map(\.band), origin: inputs.scalingOrigin)
        var bands: [ResolvedBand] = []
        for f in found {
            var band = f.band
            let gridCRS = try SpatialReference(userInput: grid.crsWKT)
            let onGrid =
                f.width == grid.width && f.height == grid.height && f.geoTransform.isClose(to: grid.geoTransform)
                && f.crs.isSame(as: gridCRS)
            if !onGrid {
                band = try align(f, onto: grid, resampling: inputs.resampling, scratch: scratch)
            }
            bands.append(band)
        }
        let baseOnGrid =
            base.width == grid.width && base.height == grid.height && base.geoTransform.isClose(to: grid.geoTransform)
        var block: (width: Int, height: Int) =
            inputs.resolution == nil && (inputs.targetGrid == nil || baseOnGrid) ? base.blockSize : (512, 512)
        if let b = inputs.targetBlock { block = (b.width, b.height) }
        var resolved = ResolvedInputs(
            bands: bands, grid: grid, scaling: inputs.scaling, gridRole: base.role,
            blockWidth: block.width, blockHeight: block.height, scratch: scratch)
        resolved.scalingOrigin = inputs.scalingOrigin
        return resolved
    }

    private static func find(
        role: BandRole, source: BandSource, inputs: RasterInputs, assumed: SpatialReference?,
        opened: inout [String: Dataset], scratch: ScratchFolder
    ) throws -> Found {
        var datasets: [Dataset] = []
        var indices: [Int] = []
        var first: RasterBand?
        for path in source.paths {
            let ds: Dataset
            if let d = opened[path] {
                ds = d
            } else {
                ds = try open(path)
                opened[path] = ds
            }
            let b = try findBand(source.band, in: ds, path: path, role: role)
            if first == nil { first = b }
            datasets.append(ds)
            indices.append(b.index)
        }
        var band = try describe(
            first!, role: role, path: source.path,
            defaultNoData: role.kind == .reflectance || role == .scl ? inputs.defaultNoData : nil)
        var dataset = datasets[0]
        var index = indices[0]
        if source.paths.count > 1 {
            guard Set(indices).count == 1 else {
                throw VerdantError.input(
                    file: source.paths[indices.firstIndex { $0 != indices[0] }!],
                    problem:
                        "holds the \(role) band at index \(indices.first { $0 != indices[0] }!), not \(indices[0]) as \(source.path) does: a mosaic takes the same band of every file"
                )
            }
            // gdalbuildvrt skips a file in another CRS with a warning: such a mosaic would lose it silently.
            let (_, firstCRS) = try georeferencing(of: datasets[0], path: source.paths[0], assumed: assumed)
            for (k, ds) in datasets.enumerated().dropFirst() {
                let (_, crs) = try georeferencing(of: ds, path: source.paths[k], assumed: assumed)
                guard crs.isSame(as: firstCRS) else {
                    throw VerdantError.input(
                        file: source.paths[k],
                        problem:
                            "is in \(crs.name), \(source.paths[0]) in \(firstCRS.name): the files of one mosaic (the \(role) band) must share a CRS (reproject one with gdalwarp)"
                    )
                }
            }
            let mosaicPath = scratch.file("\(role.name)-mosaic.vrt")
            var args = ["-b", "\(index)"]
            if let nd = band.noData, !nd.isNaN { args += ["-srcnodata", "\(nd)", "-vrtnodata", "\(nd)"] }
            do {
                let m = try BuildVRT.mosaic(source.paths.map(RemotePath.gdalPath), path: mosaicPath, arguments: args)
                try m.close()
                dataset = try Dataset.open(mosaicPath)
            } catch {
                throw VerdantError.input(
                    file: source.path,
                    problem: "cannot be mosaicked with \(source.paths.dropFirst().joined(separator: ", ")): \(error)")
            }
            index = 1
            band.path = mosaicPath
            band.index = 1
            band.fileCount = source.paths.count
            band.alphaIndex = nil
        }
        let (gt, crs) = try georeferencing(of: dataset, path: source.path, assumed: assumed)
        return Found(
            role: role, source: source, dataset: dataset, index: index, band: band, crs: crs, geoTransform: gt,
            width: dataset.width, height: dataset.height, blockSize: try dataset.band(index).blockSize)
    }

    /// Approximate cell size in m², to find the finest input.
    private static func cellSizeMetres(_ f: Found) -> Double {
        let gt = f.geoTransform
        if f.crs.isGeographic {
            let r = f.crs.semiMajorAxis * f.crs.angularUnitsInRadians
            let lat = (gt.originY - gt.cellHeight * Double(f.height) / 2) * f.crs.angularUnitsInRadians
            return gt.cellArea * r * r * cos(lat)
        }
        let u = f.crs.linearUnitsInMetres
        return gt.cellArea * u * u
    }

    /// A virtual raster of the band on `grid`.
    private static func align(
        _ f: Found, onto grid: RasterGrid, resampling: Resampling?, scratch: ScratchFolder
    ) throws -> ResolvedBand {
        let target = try SpatialReference(userInput: grid.crsWKT)
        let extent = grid.extent
        // The band must reach the grid: its corners in the grid's CRS must overlap the grid's extent.
        do {
            let ct = try CoordinateTransformation(from: f.crs, to: target)
            var xs: [Double] = [], ys: [Double] = []
            for (c, r) in [
                (0.0, 0.0), (Double(f.width), 0), (0, Double(f.height)), (Double(f.width), Double(f.height)),
                (Double(f.width) / 2, 0), (Double(f.width) / 2, Double(f.height)), (0, Double(f.height) / 2),
                (Double(f.width), Double(f.height) / 2)
            ] {
                let p = f.geoTransform.apply(column: c, row: r)
                xs.append(p.x)
                ys.append(p.y)
            }
            try ct.transform(x: &xs, y: &ys)
            if xs.max()! <= extent.minX || xs.min()! >= extent.maxX || ys.max()! <= extent.minY
                || ys.min()! >= extent.maxY
            {
                throw VerdantError.input(
                    file: f.source.path,
                    problem:
                        "the \(f.role) band does not overlap the analysis grid (\(grid.width) × \(grid.height) cells of \(grid.crsName)), so it cannot be aligned with the other bands"
                )
            }
        } catch let e as VerdantError {
            throw e
        } catch {
            throw VerdantError.input(
                file: f.source.path,
                problem: "the \(f.role) band cannot be aligned with the analysis grid (\(grid.crsName)): \(error)")
        }
        let method: Resampling
        if f.role.kind == .classes {
            method = .nearest
        } else if let resampling {
            method = resampling
        } else {
            let gridCell = grid.cellArea(row: grid.height / 2)
            let finer = cellSizeMetres(f) < gridCell * (1 - 1e-9)
            method = finer ? .average : .bilinear
        }
        var band = f.band
        var args = ["-wo", "NUM_THREADS=1"]
        if let nd = band.noData {
            let text = nd.isNaN ? "nan" : "\(nd)"
            args += ["-srcnodata", text, "-dstnodata", text]
        }
        if f.role.kind != .classes && (band.noData == nil || band.hasExplicitMask || band.alphaIndex != nil) {
            args += ["-dstalpha"]
        }
        let path = scratch.file("\(f.role.name)-on-grid.vrt")
        var alpha: Int?
        do {
            // One band (with its mask) of the source, then warped onto the grid.
            let single =
                f.dataset.bandCount == 1
                ? f.dataset
                : try BandSubset.vrt(
                    of: f.dataset, band: f.index, alpha: f.band.alphaIndex,
                    path: scratch.file("\(f.role.name)-band.vrt"))
            let vrt = try Warp.toVRT(
                single, path: path, crsWKT: grid.crsWKT, extent: extent, width: grid.width,
                height: grid.height, resampling: method.rawValue, arguments: args)
            try vrt.close()
            let check = try Dataset.open(path)
            band.hasExplicitMask = try check.band(1).maskFlags.isExplicitMask
            // `-dstalpha` puts the validity of the warped cells (0 outside the source, where no source cell
            // reaches) in band 2, which a warped VRT does not report as band 1's mask: it is read as an alpha band,
            // else the grid beyond a smaller band reads as valid zeros.
            if !band.hasExplicitMask, check.bandCount > 1, try check.band(2).colorInterpretation == "Alpha" {
                alpha = 2
            }
        } catch {
            throw VerdantError.input(
                file: f.source.path, problem: "the \(f.role) band cannot be resampled onto the analysis grid: \(error)")
        }
        band.path = path
        band.index = 1
        band.alphaIndex = alpha
        band.resampling = method
        return band
    }

    /// Refuses integer reflectance bands whose conversion to reflectance nobody stated: GDAL metadata, a preset or
    /// the user must say it (digital numbers taken as reflectance give wrong biomass with no error).
    static func checkScaling(_ bands: [ResolvedBand], origin: ScalingOrigin) throws {
        guard origin == .unstated else { return }
        for band in bands
        where band.role.kind != .classes && !band.dataType.isFloatingPoint
            && band.gdalScale == 1 && band.gdalOffset == 0
        {
            if band.role.kind == .index {
                throw VerdantError.input(
                    file: band.source,
                    problem:
                        "the \(band.role) band (band \(band.sourceIndex), \(band.dataType.rawValue)) holds integers with no scale or offset in its metadata, so its index values are unknown: give \(param: .scale) (MODIS MOD13Q1 NDVI: \(param: .scale) 0.0001), or \(param: .scale) 1 to use the values as they are"
                )
            }
            throw VerdantError.input(
                file: band.source,
                problem:
                    "the \(band.role) band (band \(band.sourceIndex), \(band.dataType.rawValue)) holds integers with no scale or offset in its metadata, so its reflectance is unknown: give \(param: .sensor) NAME, \(param: .scale)/\(param: .offset) (Sentinel-2 L2A: \(param: .scale) 0.0001 \(param: .offset) -0.1), or \(param: .scale) 1 to use the values as they are"
            )
        }
    }

    static func open(_ path: String) throws -> Dataset {
        if let remote = RemotePath(path) {
            try remote.checkExists()
        } else if !path.hasPrefix("/vsi") && !FileManager.default.fileExists(atPath: path) {
            throw VerdantError.input(file: path, problem: "no such file")
        }
        do {
            return try Dataset.open(RemotePath.gdalPath(path))
        } catch {
            throw VerdantError.input(file: path, problem: "is not a raster GDAL can open (\(error))")
        }
    }

    static func findBand(
        _ selector: BandSelector, in dataset: Dataset, path: String, role: BandRole
    ) throws -> RasterBand {
        switch selector {
        case .index(let i):
            guard i >= 1, i <= dataset.bandCount else {
                throw VerdantError.input(
                    file: path, problem: "has \(dataset.bandCount) band(s); there is no band \(i) for \(role)")
            }
            return try dataset.band(i)
        case .description(let name):
            let all = try dataset.bands()
            if let exact = all.first(where: { $0.bandDescription == name }) { return exact }
            let folded = all.filter { $0.bandDescription.lowercased() == name.lowercased() }
            if folded.count == 1 { return folded[0] }
            let names = all.map {
                $0.bandDescription.isEmpty ? "(band \($0.index): no description)" : $0.bandDescription
            }
            throw VerdantError.input(
                file: path,
                problem: "has no band described '\(name)' for \(role) (bands: \(names.joined(separator: ", ")))")
        }
    }

    static func describe(
        _ band: RasterBand, role: BandRole, path: String, defaultNoData: Double?
    ) throws -> ResolvedBand {
        let type = band.dataType
        guard !type.isComplex, type != .unknown else {
            throw VerdantError.band(
                file: path, band: "\(band.index)",
                problem: "is of type \(type.rawValue); Verdant reads real-valued bands (Byte to Float64)")
        }
        var noData: Double?
        if let nd = band.noDataValue ?? defaultNoData {
            if nd.isNaN {
                noData = .nan
            } else {
                let adjusted = type.adjusted(nd)
                // A nodata value the type cannot hold matches no cell.
                noData = (adjusted.exact || type.isFloatingPoint) ? adjusted.value : nil
            }
        }
        let explicit = band.maskFlags.isExplicitMask
        var alpha: Int?
        if !explicit && role.kind != .classes {
            alpha = try band.dataset.bands().first { $0.index != band.index && $0.colorInterpretation == "Alpha" }?
                .index
        }
        return ResolvedBand(
            role: role, source: path, fileCount: 1, path: RemotePath.gdalPath(path), index: band.index,
            sourceIndex: band.index,
            bandDescription: band.bandDescription, dataType: type, noData: noData,
            gdalScale: band.scale ?? 1, gdalOffset: band.offset ?? 0,
            hasExplicitMask: explicit, alphaIndex: alpha, resampling: nil)
    }
}
