import Foundation

/// What a run read and how, for reports: enough for a verifier to redo it.
public struct RunMetadata: Hashable, Sendable {
    /// The bands read.
    public var bands: [BandRecord]
    /// Raster width in cells.
    public var width: Int
    /// Raster height in cells.
    public var height: Int
    /// Raster CRS name.
    public var rasterCRS: String
    /// Raster CRS code when known.
    public var rasterCRSCode: String?
    /// Raster geotransform.
    public var geoTransform: [Double]
    /// True for a longitude/latitude grid (ellipsoidal cell areas).
    public var geographic: Bool
    /// User reflectance scale.
    public var scale: Double
    /// User reflectance offset.
    public var offset: Double
    /// Parcels file.
    public var parcelsPath: String
    /// Parcels layer.
    public var parcelsLayer: String
    /// Parcels CRS name.
    public var parcelsCRS: String
    /// Features read.
    public var featureCount: Int
    /// Parcels after merging shared ids.
    public var parcelCount: Int
    /// Id field, nil for feature ids.
    public var idField: String?
    /// The model.
    public var model: BiomassModel
    /// The carbon factors.
    public var factors: CarbonFactors
    /// The factor set, when factors come from one.
    public var factorSet: FactorSet?
    /// The class field, when classes come from an attribute.
    public var classField: String?
    /// How intervals were computed.
    public var uncertainty: UncertaintyOptions
    /// The masks applied.
    public var masks: MaskRules
    /// The `low_observed` threshold.
    public var minObserved: Double
    /// Warnings (e.g. a likely red/NIR swap).
    public var warnings: [String]
    /// Worker threads.
    public var threads: Int
    /// Tiles in the grid.
    public var tiles: Int
    /// Tiles read (those under parcels).
    public var tilesRead: Int
    /// Verdant version.
    public var verdantVersion: String
    /// GDAL version.
    public var gdalVersion: String
    /// PROJ version.
    public var projVersion: String
    /// When the run started (UTC, ISO 8601).
    public var startedAt: String
    /// How long it took, seconds.
    public var seconds: Double
    /// Wall seconds of each phase (inputs, parcels and coverage, tiles, figures).
    public var phases: [(String, Double)]
    /// Who stated the reflectance scaling (`scale`, `offset`).
    public var scalingOrigin: ScalingOrigin = .unstated
    /// The quality masks actually applied, in words (only layers the run had).
    public var masksApplied: [String] = []
    /// The green threshold used (`GreenCover`), nil when there was none.
    public var greenThreshold: Double? = nil
    /// Where the green threshold comes from: `GreenCover.source` for the default, else that it was given.
    public var greenThresholdSource: String? = nil

    /// Equality over everything but the timings.
    public static func == (a: RunMetadata, b: RunMetadata) -> Bool {
        a.bands == b.bands && a.width == b.width && a.height == b.height && a.rasterCRS == b.rasterCRS
            && a.geoTransform == b.geoTransform
            && a.parcelsPath == b.parcelsPath && a.model == b.model && a.factors == b.factors
            && a.factorSet == b.factorSet
            && a.masks == b.masks && a.minObserved == b.minObserved && a.warnings == b.warnings
            && a.threads == b.threads
            && a.scale == b.scale && a.offset == b.offset && a.uncertainty == b.uncertainty
            && a.classField == b.classField && a.greenThreshold == b.greenThreshold
    }

    /// Hashes what `==` compares.
    public func hash(into h: inout Hasher) {
        h.combine(bands); h.combine(width); h.combine(height); h.combine(parcelsPath); h.combine(model);
        h.combine(threads)
    }
}
