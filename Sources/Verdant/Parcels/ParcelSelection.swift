import GDALKit

/// Which parcels a run repairs, projects and measures: for one shard of a sharded run (`ShardPlan`), those that
/// can reach the shard's rows of the grid; the others are kept only as placeholders (their id, attributes and
/// source geometry), so that every shard holds the whole layer's order and facts.
///
/// A parcel is kept when the envelope of its features on the raster's CRS meets the band of y from `minY` to
/// `maxY` (an open edge reaches to infinity). The envelope is cheap to find — each feature's own envelope, its
/// boundary sampled densely and transformed, then widened — and is never smaller than the parcel, so a shard
/// never misses a parcel with cells in its rows; keeping a parcel that has none only costs its measuring.
struct ParcelSelection: Hashable, Sendable {
    /// The southern edge of the band; nil: none.
    var minY: Double?
    /// The northern edge of the band; nil: none.
    var maxY: Double?

    /// What a feature's geometry gives the selection.
    enum Extent: Hashable, Sendable {
        /// No geometry, or an empty one: it does not decide.
        case empty
        /// The geometry could not be read or transformed: keep its parcel.
        case unknown
        /// Its envelope on the raster's CRS.
        case box(BoundingBox)
    }

    /// True when a parcel whose features have `extents` is processed.
    func keeps(_ extents: [Extent]) -> Bool {
        var box: BoundingBox?
        for e in extents {
            switch e {
            case .empty: continue
            case .unknown: return true
            case .box(let b): box = box.map { $0.union(b) } ?? b
            }
        }
        guard let box else { return true }
        if let minY, box.maxY < minY { return false }
        if let maxY, box.minY > maxY { return false }
        return true
    }

    /// Samples a side of a source envelope: this many points a side, so that the transformed envelope bounds the
    /// transformed geometry to well within the margin.
    static let samplesPerSide = 16
    /// The margin the transformed envelope is widened by, as a share of its larger side.
    static let relativeMargin = 0.01

    /// The extent of a feature with source geometry `wkb`, transformed by `transformation` (nil: the layer is
    /// on the raster's CRS), and its geometry type when it is not polygonal (as `ParcelLoader` tells them).
    static func extent(
        of wkb: [UInt8]?, transformation: CoordinateTransformation?
    ) -> (extent: Extent, nonPolygonal: String?) {
        guard let wkb, let geometry = try? Geometry(wkb: wkb) else { return (wkb == nil ? .empty : .unknown, nil) }
        guard let e = geometry.envelope else { return (.empty, nil) }
        let kind =
            geometry.isPolygonal || geometry.typeName.uppercased().contains("COLLECTION") ? nil : geometry.typeName
        var xs: [Double] = [], ys: [Double] = []
        let n = samplesPerSide
        for i in 0...n {
            let t = Double(i) / Double(n)
            let x = e.minX + (e.maxX - e.minX) * t, y = e.minY + (e.maxY - e.minY) * t
            xs += [x, x, e.minX, e.maxX]
            ys += [e.minY, e.maxY, y, y]
        }
        if let transformation {
            do { try transformation.transform(x: &xs, y: &ys) } catch { return (.unknown, kind) }
        }
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max(),
            [minX, maxX, minY, maxY].allSatisfy(\.isFinite)
        else { return (.unknown, kind) }
        let margin = max(maxX - minX, maxY - minY) * relativeMargin
        return (
            .box(BoundingBox(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)),
            kind
        )
    }
}
