import Foundation
import GDALKit

/// Runs one shard of a sharded estimate (`verdant estimate --shard K/N`): the shard's band of tile rows over the
/// parcels that can reach it, kept as exact per-tile sums for `EstimateMerge`.
public enum EstimateShard {
    /// Runs shard `shard` of `request`. With a `pictureSize`, every tile of the shard's band is read and its
    /// part of the scene picture of that size kept, so that the merge can write the report, PDF and quicklook.
    public static func run(_ request: EstimateRequest, shard: Shard, pictureSize: Int? = nil) throws -> EstimatePartial
    {
        var request = request
        request.ndviPictureSize = pictureSize
        let identities = FileIdentity.of(inputFiles(request))
        let pass = try EstimateJob.tilePass(request, reusing: nil, onlyIfSameGrid: false, shard: shard)
        let parcels = pass.parcels, layer = parcels.layer, plan = pass.context.plan
        let selected = parcels.selected ?? Array(repeating: true, count: layer.parcels.count)
        let records = layer.parcels.indices.filter { selected[$0] }.map { i in
            let p = layer.parcels[i]
            return EstimatePartial.ParcelRecord(
                index: i, id: p.id, attributes: p.attributes.map(EstimatePartial.Value.init),
                outline: Data(
                    WKBWriter.multiPolygon(
                        p.geometry.polygons.map { polygon in
                            ([polygon.exterior] + polygon.holes).map { ring in ring.flatMap { [$0.x, $0.y] } }
                        })
                ).base64EncodedString(),
                sourceWKB: Data(p.sourceWKB).base64EncodedString(), featureCount: p.featureCount, notes: p.notes,
                areaM2: parcels.areas[i], covered: parcels.coverage.parcels[i].coveredCells > 0)
        }
        let tiles = pass.tiles.map { t in
            EstimatePartial.TileRecord(
                tile: t.tile, signs: [t.signs.positive, t.signs.negative],
                parcels: t.sums.map { EstimatePartial.Contribution(parcel: Int($0.0), sums: $0.1) },
                picture: t.picture)
        }
        let grid = pass.context.inputs.grid
        return EstimatePartial(
            shard: shard, requestSHA256: RequestFingerprint.of(request), inputs: identities,
            grid: EstimatePartial.GridFacts(plan: plan, width: grid.width, height: grid.height),
            layer: EstimatePartial.LayerFacts(layer), parcels: records, tiles: tiles,
            pictureSize: request.ndviPictureSize)
    }

    /// The input files of a request whose checksums a partial records: every raster and the parcels.
    static func inputFiles(_ request: EstimateRequest) -> [String] {
        request.inputs.bands.values.flatMap(\.paths) + [request.parcels.path]
    }
}

extension EstimatePartial.GridFacts {
    /// The facts of `plan` on a grid of `width` × `height`.
    init(plan: TilePlan, width: Int, height: Int) {
        self.init(
            width: width, height: height, tiles: plan.count, tilesAcross: plan.tiles.tilesAcross,
            tilesDown: plan.tiles.tilesDown, tileWidth: plan.tiles.tileWidth, tileHeight: plan.tiles.tileHeight)
    }
}

extension EstimatePartial.LayerFacts {
    /// The facts of `layer`.
    init(_ layer: ParcelLayer) {
        self.init(
            path: layer.path, layerName: layer.layerName, idField: layer.idField, crsWKT: layer.crsWKT,
            crsName: layer.crsName,
            fields: layer.fields.map {
                EstimatePartial.Field(name: $0.name, type: $0.type.rawValue, subtype: $0.subtype.rawValue)
            },
            featureCount: layer.featureCount, parcelCount: layer.parcels.count, warnings: layer.warnings,
            ids: layer.parcels.map(\.id))
    }
}

extension EstimatePartial.Value {
    /// The value of an attribute.
    init(_ value: FieldValue) {
        switch value {
        case .null: self = .null
        case .integer(let v): self = .integer(v)
        case .real(let v): self = .real(v)
        case .string(let v): self = .string(v)
        }
    }

    /// The attribute value.
    var field: FieldValue {
        switch self {
        case .null: .null
        case .integer(let v): .integer(v)
        case .real(let v): .real(v)
        case .string(let v): .string(v)
        }
    }
}
