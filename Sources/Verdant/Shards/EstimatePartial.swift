import Foundation
import GDALKit

/// One shard's part of one estimate of a sharded run (an estimate, a date of a series, a date of a credit
/// estimate): what `verdant merge` needs to make that estimate's report, the same to the bit as on one machine.
/// A `.vpart` file holds one per estimate of the run (`ShardPartial`); as JSON, it is
/// `docs/schemas/estimate-partial.schema.json` (`schema` `verdant-estimate-partial/1`).
///
/// Nothing in it is rounded or reduced across tiles: each parcel's sums are kept per tile, as exact doubles, so
/// that the merge adds them in the one-machine order. It holds the shard's own parcels whole (id, attributes,
/// outline, source geometry, notes, area) and, for every tile it read, every parcel's sums over that tile.
public struct EstimatePartial: Sendable, Codable {
    /// `verdant-estimate-partial/1`.
    public var schema: String = OutputSchema.estimatePartial.id
    /// The layout's version.
    public var schemaVersion: String = OutputSchema.estimatePartial.version
    /// The Verdant that wrote it; a merge takes only its own version's partials.
    public var verdantVersion: String = VerdantVersion.verdant
    /// Which shard.
    public var shard: Shard
    /// How the work was divided (`tile-rows`: bands of whole tile rows, `ShardPlan`).
    public var partition: String = "tile-rows"
    /// The fingerprint of the request (`RequestFingerprint`): the same for every shard of one run.
    public var requestSHA256: String
    /// The identity of every input file by path (rasters and parcels): size, modification time and the SHA-256
    /// of its ends (`FileIdentity`).
    public var inputs: [String: String]
    /// The grid's size and tiles.
    public var grid: GridFacts
    /// The parcel layer's facts, the same in every shard (the whole layer is read by each).
    public var layer: LayerFacts
    /// The parcels this shard processed, in layer order.
    public var parcels: [ParcelRecord]
    /// The tiles this shard read, in tile order.
    public var tiles: [TileRecord]
    /// The size of the scene picture, when the shard kept its part of it (`--for-report`).
    public var pictureSize: Int?

    /// The grid a partial was made on.
    public struct GridFacts: Hashable, Sendable, Codable {
        /// Columns and rows.
        public var width: Int
        /// See `width`.
        public var height: Int
        /// The tiles: count, across, down, and their size.
        public var tiles: Int
        /// See `tiles`.
        public var tilesAcross: Int
        /// See `tiles`.
        public var tilesDown: Int
        /// See `tiles`.
        public var tileWidth: Int
        /// See `tiles`.
        public var tileHeight: Int
    }

    /// The layer's facts.
    public struct LayerFacts: Hashable, Sendable, Codable {
        /// The file, layer, id field and CRS.
        public var path: String
        /// See `path`.
        public var layerName: String
        /// See `path`.
        public var idField: String?
        /// See `path`.
        public var crsWKT: String
        /// See `path`.
        public var crsName: String
        /// The attribute columns.
        public var fields: [Field]
        /// Features and parcels in the whole layer.
        public var featureCount: Int
        /// See `featureCount`.
        public var parcelCount: Int
        /// The layer's warnings.
        public var warnings: [String]
        /// The parcels' ids, in layer order (each shard holds all, so the merge can tell which are missing).
        public var ids: [String]
    }

    /// An attribute column.
    public struct Field: Hashable, Sendable, Codable {
        /// Its name, type (`integer`, `real`, `string`) and subtype (`none`, `boolean`).
        public var name: String
        /// See `name`.
        public var type: String
        /// See `name`.
        public var subtype: String
    }

    /// One attribute value: `{"i": n}`, `{"r": x}`, `{"s": text}` or null.
    public enum Value: Hashable, Sendable, Codable {
        /// No value.
        case null
        /// An integer.
        case integer(Int64)
        /// A real.
        case real(Double)
        /// Text.
        case string(String)

        private enum Key: String, CodingKey { case i, r, s }

        /// Decodes a value.
        public init(from decoder: any Decoder) throws {
            if try decoder.singleValueContainer().decodeNil() {
                self = .null
                return
            }
            let c = try decoder.container(keyedBy: Key.self)
            if let v = try c.decodeIfPresent(Int64.self, forKey: .i) {
                self = .integer(v)
            } else if let v = try c.decodeIfPresent(Double.self, forKey: .r) {
                self = .real(v)
            } else {
                self = .string(try c.decode(String.self, forKey: .s))
            }
        }

        /// Encodes a value.
        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .null:
                var c = encoder.singleValueContainer()
                try c.encodeNil()
            case .integer(let v):
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(v, forKey: .i)
            case .real(let v):
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(v, forKey: .r)
            case .string(let v):
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(v, forKey: .s)
            }
        }
    }

    /// One parcel as the shard that processed it made it.
    public struct ParcelRecord: Hashable, Sendable, Codable {
        /// Its place in the layer's parcels.
        public var index: Int
        /// Its id.
        public var id: String
        /// Its attributes, in field order.
        public var attributes: [Value]
        /// Its outline on the raster's CRS: a MultiPolygon, ISO WKB in base64 (exact doubles, quick to read).
        public var outline: String
        /// Its source geometry (ISO WKB, base64).
        public var sourceWKB: String
        /// Features merged into it.
        public var featureCount: Int
        /// Notes on it.
        public var notes: [String]
        /// Its area, m².
        public var areaM2: Double
        /// True when some cell of the grid covers it.
        public var covered: Bool
    }

    /// One tile's sums.
    public struct TileRecord: Sendable, Codable {
        /// The tile.
        public var tile: Int
        /// Cells whose red/NIR order looks right, and swapped.
        public var signs: [Int]
        /// Every parcel's sums over the tile's cells, in the order the tile pass gave them.
        public var parcels: [Contribution]
        /// The tile's sums over the scene picture's cells.
        var picture: NDVIPicture.Sums?
    }

    /// One parcel's sums over one tile, written as one array (compact, and quick to read back):
    /// `[parcel, coveredArea, observedArea, cloudArea, noDataArea, maskedArea, greenArea, ndviAreaSum,
    /// indexAreaSum, agbTonnes, gradA, gradB]`, then the index histogram and the class sums when there are any
    /// (`ParcelSums`; areas in m², AGB in t).
    public struct Contribution: Sendable, Codable {
        /// The parcel's index.
        public var parcel: Int
        /// Its sums.
        public var sums: ParcelSums

        /// A parcel's sums.
        public init(parcel: Int, sums: ParcelSums) {
            self.parcel = parcel
            self.sums = sums
        }

        /// Decodes the array.
        public init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            parcel = try c.decode(Int.self)
            var s = ParcelSums()
            s.coveredArea = try c.decode(Double.self)
            s.observedArea = try c.decode(Double.self)
            s.cloudArea = try c.decode(Double.self)
            s.noDataArea = try c.decode(Double.self)
            s.maskedArea = try c.decode(Double.self)
            s.greenArea = try c.decode(Double.self)
            s.ndviAreaSum = try c.decode(Double.self)
            s.indexAreaSum = try c.decode(Double.self)
            s.agbTonnes = try c.decode(Double.self)
            s.gradA = try c.decode(Double.self)
            s.gradB = try c.decode(Double.self)
            if !c.isAtEnd { s.histogram = try c.decodeNil() ? nil : try c.decode(IndexHistogram.self) }
            if !c.isAtEnd { s.classes = try c.decodeNil() ? nil : try c.decode(ClassSums.self) }
            sums = s
        }

        /// Encodes the array.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            let s = sums
            try c.encode(parcel)
            for v in [
                s.coveredArea, s.observedArea, s.cloudArea, s.noDataArea, s.maskedArea, s.greenArea, s.ndviAreaSum,
                s.indexAreaSum, s.agbTonnes, s.gradA, s.gradB
            ] { try c.encode(v) }
            if s.histogram != nil || s.classes != nil {
                if let h = s.histogram { try c.encode(h) } else { try c.encodeNil() }
                if let k = s.classes { try c.encode(k) }
            }
        }
    }

    // `schema` and `schema_version` as in every Verdant document; the other keys as the properties are named.
    enum CodingKeys: String, CodingKey {
        case schema
        case schemaVersion = "schema_version"
        case verdantVersion, shard, partition, requestSHA256, inputs, grid, layer, parcels, tiles, pictureSize
    }
}
