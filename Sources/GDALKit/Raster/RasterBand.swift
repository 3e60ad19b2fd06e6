internal import CGDAL

/// One band of a dataset; keeps its dataset alive.
public final class RasterBand {
    let handle: GDALRasterBandH
    /// The dataset the band belongs to.
    public let dataset: Dataset
    /// The 1-based band index.
    public let index: Int

    init(handle: GDALRasterBandH, dataset: Dataset, index: Int) {
        self.handle = handle
        self.dataset = dataset
        self.index = index
    }

    /// The cell type.
    public var dataType: DataType { DataType(GDALGetRasterDataType(handle)) }

    /// The natural block (tile or strip) size.
    public var blockSize: (width: Int, height: Int) {
        var w: Int32 = 0, h: Int32 = 0
        GDALGetBlockSize(handle, &w, &h)
        return (Int(w), Int(h))
    }

    /// The nodata value, or nil when the band has none.
    public var noDataValue: Double? {
        var has: Int32 = 0
        let v = GDALGetRasterNoDataValue(handle, &has)
        return has != 0 ? v : nil
    }

    /// Sets the nodata value.
    public func setNoDataValue(_ value: Double) throws {
        try GDALCall.check("setting nodata of band \(index) of '\(dataset.path)'") {
            GDALSetRasterNoDataValue(handle, value)
        }
    }

    /// GDAL's scale metadata (value = raw × scale + offset), or nil when not set.
    public var scale: Double? {
        var has: Int32 = 0
        let v = GDALGetRasterScale(handle, &has)
        return has != 0 ? v : nil
    }

    /// GDAL's offset metadata, or nil when not set.
    public var offset: Double? {
        var has: Int32 = 0
        let v = GDALGetRasterOffset(handle, &has)
        return has != 0 ? v : nil
    }

    /// Sets GDAL's scale and offset metadata.
    public func setScaleOffset(scale: Double, offset: Double) throws {
        try GDALCall.check("setting scale of band \(index) of '\(dataset.path)'") { GDALSetRasterScale(handle, scale) }
        try GDALCall.check("setting offset of band \(index) of '\(dataset.path)'") {
            GDALSetRasterOffset(handle, offset)
        }
    }

    /// The band description (e.g. `B04`), empty when none.
    public var bandDescription: String { GDALGetDescription(handle).map { String(cString: $0) } ?? "" }

    /// Sets the band description.
    public func setBandDescription(_ text: String) throws {
        try GDALCall.run("setting the description of band \(index) of '\(dataset.path)'") {
            GDALSetDescription(handle, text)
        }
    }

    /// The band's colour interpretation name (e.g. `Red`, `Gray`, `Undefined`).
    public var colorInterpretation: String {
        GDALGetColorInterpretationName(GDALGetRasterColorInterpretation(handle)).map { String(cString: $0) } ?? ""
    }

    /// Sets the colour interpretation by GDAL name (`Alpha`, `Gray`, `Red`, `Undefined`, …).
    public func setColorInterpretation(_ name: String) throws {
        let value = GDALGetColorInterpretationByName(name)
        try GDALCall.check("setting the colour interpretation of band \(index) of '\(dataset.path)' to \(name)") {
            GDALSetRasterColorInterpretation(handle, value)
        }
    }

    /// The unit type (e.g. `m`), empty when none.
    public var unitType: String { GDALGetRasterUnitType(handle).map { String(cString: $0) } ?? "" }

    /// Sets the unit type (e.g. `t/ha`; empty for none).
    public func setUnitType(_ unit: String) throws {
        try GDALCall.check("setting the unit of band \(index) of '\(dataset.path)' to \(unit)") {
            GDALSetRasterUnitType(handle, unit)
        }
    }

    /// Metadata items of a domain (nil: the default domain).
    public func metadata(domain: String? = nil) -> [String: String] {
        Metadata.dictionary(GDALGetMetadata(handle, domain))
    }

    /// One metadata item of the band, or nil.
    public func metadataItem(_ name: String, domain: String? = nil) -> String? {
        GDALGetMetadataItem(handle, name, domain).map { String(cString: $0) }
    }

    /// Sets one metadata item of the band.
    public func setMetadataItem(_ name: String, _ value: String, domain: String? = nil) throws {
        try GDALCall.check("setting metadata '\(name)' of band \(index) of '\(dataset.path)'") {
            GDALSetMetadataItem(handle, name, value, domain)
        }
    }

    /// Number of overviews.
    public var overviewCount: Int { Int(GDALGetOverviewCount(handle)) }

    /// Reads `window` of this band.
    public func read<T: RasterElement>(window: Window, as type: T.Type = T.self) throws -> [T] {
        try dataset.read(window: window, bands: [index], as: type)
    }

    /// Reads the whole band (for small rasters and tests).
    public func readAll<T: RasterElement>(as type: T.Type = T.self) throws -> [T] {
        try read(window: Window(columnOffset: 0, rowOffset: 0, width: dataset.width, height: dataset.height), as: type)
    }

    /// Writes `values` to `window` of this band.
    public func write<T: RasterElement>(window: Window, values: [T]) throws {
        try dataset.write(window: window, bands: [index], values: values)
    }
}
