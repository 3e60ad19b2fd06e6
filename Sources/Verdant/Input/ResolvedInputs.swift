import Foundation
import GDALKit

/// The inputs opened and checked: every role's band found, all on one grid.
public struct ResolvedInputs: Hashable, Sendable {
    /// The bands, in role order.
    public var bands: [ResolvedBand]
    /// The grid they share.
    public var grid: RasterGrid
    /// The user's reflectance conversion.
    public var scaling: ReflectanceScaling
    /// The natural block size of the first band's file.
    public var blockSize: (width: Int, height: Int) { (blockWidth, blockHeight) }
    var blockWidth: Int
    var blockHeight: Int

    /// Equality over every field.
    public static func == (a: ResolvedInputs, b: ResolvedInputs) -> Bool {
        a.bands == b.bands && a.grid == b.grid && a.scaling == b.scaling && a.blockWidth == b.blockWidth && a.blockHeight == b.blockHeight
    }

    /// Hashes every field.
    public func hash(into h: inout Hasher) {
        h.combine(bands); h.combine(grid); h.combine(scaling); h.combine(blockWidth); h.combine(blockHeight)
    }

    /// The band playing `role`, if any.
    public func band(_ role: BandRole) -> ResolvedBand? { bands.first { $0.role == role } }

    /// Distinct files, in role order.
    public var paths: [String] {
        var seen: [String] = []
        for b in bands where !seen.contains(b.path) { seen.append(b.path) }
        return seen
    }

    /// Opens every file, finds every band, and checks that all share one grid.
    public static func resolve(_ inputs: RasterInputs, roles: [BandRole]) throws -> ResolvedInputs {
        try inputs.require(roles)
        var datasets: [String: Dataset] = [:]
        var bands: [ResolvedBand] = []
        var grid: RasterGrid?
        var reference: SpatialReference?
        var block = (width: 0, height: 0)
        let assumed = try inputs.assumedCRS.map { text in
            do { return try SpatialReference(userInput: text) } catch {
                throw VerdantError.usage("--assume-crs '\(text)' is not a CRS GDAL knows: \(error)")
            }
        }
        for role in roles.sorted() {
            guard let source = inputs.bands[role] else { continue }
            let dataset: Dataset
            if let d = datasets[source.path] {
                dataset = d
            } else {
                dataset = try open(source.path)
                datasets[source.path] = dataset
            }
            let band = try find(source, in: dataset, role: role)
            let crs = dataset.spatialReference
            if let g = grid, let ref = reference {
                if let problem = g.matches(dataset, crs: crs ?? assumed, reference: ref) {
                    throw VerdantError.input(file: source.path, problem: "\(problem): the \(role) band is not on the grid of \(bands[0].path) (resampling comes with sensor support; align the files with gdalwarp for now)")
                }
            } else {
                guard let crs = crs ?? assumed else {
                    throw VerdantError.input(file: source.path, problem: "has no CRS; give one with --assume-crs (e.g. EPSG:32647)")
                }
                grid = try RasterGrid(dataset: dataset, crs: crs)
                reference = crs
                block = band.blockSize
            }
            bands.append(try describe(band, role: role, path: source.path))
        }
        guard let grid else { throw VerdantError.usage("no input bands given") }
        return ResolvedInputs(bands: bands, grid: grid, scaling: inputs.scaling,
                              blockWidth: block.width, blockHeight: block.height)
    }

    static func open(_ path: String) throws -> Dataset {
        if !path.hasPrefix("/vsi") && !FileManager.default.fileExists(atPath: path) {
            throw VerdantError.input(file: path, problem: "no such file")
        }
        do {
            return try Dataset.open(path)
        } catch {
            throw VerdantError.input(file: path, problem: "is not a raster GDAL can open (\(error))")
        }
    }

    static func find(_ source: BandSource, in dataset: Dataset, role: BandRole) throws -> RasterBand {
        switch source.band {
        case .index(let i):
            guard i >= 1, i <= dataset.bandCount else {
                throw VerdantError.input(file: source.path, problem: "has \(dataset.bandCount) band(s); there is no band \(i) for \(role)")
            }
            return try dataset.band(i)
        case .description(let name):
            let all = try dataset.bands()
            if let exact = all.first(where: { $0.bandDescription == name }) { return exact }
            let folded = all.filter { $0.bandDescription.lowercased() == name.lowercased() }
            if folded.count == 1 { return folded[0] }
            let names = all.map { $0.bandDescription.isEmpty ? "(band \($0.index): no description)" : $0.bandDescription }
            throw VerdantError.input(file: source.path, problem: "has no band described '\(name)' for \(role) (bands: \(names.joined(separator: ", ")))")
        }
    }

    static func describe(_ band: RasterBand, role: BandRole, path: String) throws -> ResolvedBand {
        let type = band.dataType
        guard !type.isComplex, type != .unknown else {
            throw VerdantError.input(file: path, problem: "band \(band.index) is of type \(type.rawValue); Verdant reads real-valued bands (Byte to Float64)")
        }
        var noData: Double?
        if let nd = band.noDataValue {
            if nd.isNaN {
                noData = .nan
            } else {
                let adjusted = type.adjusted(nd)
                // A nodata value the type cannot hold matches no cell.
                noData = (adjusted.exact || type.isFloatingPoint) ? adjusted.value : nil
            }
        }
        return ResolvedBand(role: role, path: path, index: band.index, bandDescription: band.bandDescription,
                            dataType: type, noData: noData, gdalScale: band.scale ?? 1, gdalOffset: band.offset ?? 0,
                            hasExplicitMask: band.maskFlags.isExplicitMask)
    }
}
