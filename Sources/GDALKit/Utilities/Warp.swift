internal import CGDAL

/// GDAL's warper (the library behind `gdalwarp`): reprojects and resamples a raster onto another grid.
public enum Warp {
    /// Warps `source` onto a grid given by its CRS (WKT), extent (minX, minY, maxX, maxY) and size, into `path`
    /// as a lazy warped VRT (nothing is computed until it is read). `arguments` are extra `gdalwarp` arguments
    /// (e.g. `["-b", "3", "-dstnodata", "0"]`).
    public static func toVRT(
        _ source: Dataset, path: String, crsWKT: String,
        extent: (minX: Double, minY: Double, maxX: Double, maxY: Double),
        width: Int, height: Int, resampling: String, arguments: [String] = []
    ) throws -> Dataset {
        let src = try source.handle()
        let argv =
            [
                "-of", "VRT", "-t_srs", crsWKT,
                "-te", "\(extent.minX)", "\(extent.minY)", "\(extent.maxX)", "\(extent.maxY)",
                "-ts", "\(width)", "\(height)", "-r", resampling
            ] + arguments
        let h = try GDALCall.handle("warping '\(source.path)' onto the analysis grid") { () -> GDALDatasetH? in
            CStringList(argv).withPointer { list -> GDALDatasetH? in
                guard let options = GDALWarpAppOptionsNew(list, nil) else { return nil }
                defer { GDALWarpAppOptionsFree(options) }
                var sources: [GDALDatasetH?] = [src]
                var usage: Int32 = 0
                return sources.withUnsafeMutableBufferPointer {
                    GDALWarp(path, nil, 1, $0.baseAddress, options, &usage)
                }
            }
        }
        return Dataset(owning: h, path: path)
    }
}

/// GDAL's VRT builder (the library behind `gdalbuildvrt`): a mosaic of rasters as one virtual raster.
public enum BuildVRT {
    /// A mosaic of `paths` into `path` (a VRT); `arguments` are extra `gdalbuildvrt` arguments (e.g. `["-b", "1"]`).
    public static func mosaic(_ paths: [String], path: String, arguments: [String] = []) throws -> Dataset {
        let h = try GDALCall.handle(
            "building a mosaic of \(paths.count) rasters (\(paths.prefix(3).joined(separator: ", "))\(paths.count > 3 ? ", …" : ""))"
        ) { () -> GDALDatasetH? in
            CStringList(arguments).withPointer { list -> GDALDatasetH? in
                guard let options = GDALBuildVRTOptionsNew(list, nil) else { return nil }
                defer { GDALBuildVRTOptionsFree(options) }
                var usage: Int32 = 0
                return CStringList(paths).withConstPointer { names in
                    GDALBuildVRT(path, Int32(paths.count), nil, names, options, &usage)
                }
            }
        }
        return Dataset(owning: h, path: path)
    }
}

/// GDAL's in-memory file system (`/vsimem/`), for virtual rasters that live only during a run.
public enum MemoryFiles {
    /// A fresh folder name under `/vsimem/`.
    public static func folder(tag: String) -> String {
        "/vsimem/verdant-\(tag)-\(UInt64.random(in: 0...UInt64.max))"
    }

    /// Writes `text` to a `/vsimem/` (or any VSI) path.
    public static func write(_ text: String, to path: String) throws {
        guard let file = VSIFOpenL(path, "wb") else { throw GDALError(context: "creating '\(path)'") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { VSIFWriteL($0.baseAddress, 1, bytes.count, file) }
        _ = VSIFCloseL(file)
        guard written == bytes.count else { throw GDALError(context: "writing '\(path)'") }
    }

    /// Removes a `/vsimem/` folder and everything in it.
    public static func remove(_ folder: String) {
        _ = VSIRmdirRecursive(folder)
    }
}

/// A one-band virtual raster of one band of another raster, keeping that band's mask (alpha or mask band):
/// what `gdalwarp -b` does from GDAL 3.7 on, for GDAL 3.6.
public enum BandSubset {
    /// Writes the VRT for band `index` of `source` to `path` and opens it; `alpha` names a band whose values
    /// become the mask (0 = invalid) when GDAL's own mask of the band is not explicit.
    public static func vrt(of source: Dataset, band index: Int, alpha: Int? = nil, path: String) throws -> Dataset {
        let band = try source.band(index)
        let gt = source.geoTransform?.coefficients.map { "\($0)" }.joined(separator: ", ")
        let escape = MarkupText.escape
        let file = "<SourceFilename relativeToVRT=\"0\">\(escape(source.path))</SourceFilename>"
        var xml = "<VRTDataset rasterXSize=\"\(source.width)\" rasterYSize=\"\(source.height)\">\n"
        if let srs = source.spatialReference { xml += "  <SRS>\(escape(srs.wkt))</SRS>\n" }
        if let gt { xml += "  <GeoTransform>\(gt)</GeoTransform>\n" }
        xml += "  <VRTRasterBand dataType=\"\(band.dataType.rawValue)\" band=\"1\">\n"
        if let nd = band.noDataValue { xml += "    <NoDataValue>\(nd.isNaN ? "nan" : "\(nd)")</NoDataValue>\n" }
        xml += "    <SimpleSource>\(file)<SourceBand>\(index)</SourceBand></SimpleSource>\n  </VRTRasterBand>\n"
        if band.maskFlags.isExplicitMask {
            xml +=
                "  <MaskBand><VRTRasterBand dataType=\"Byte\"><SimpleSource>\(file)<SourceBand>mask,\(index)</SourceBand></SimpleSource></VRTRasterBand></MaskBand>\n"
        } else if let alpha {
            xml +=
                "  <MaskBand><VRTRasterBand dataType=\"Byte\"><SimpleSource>\(file)<SourceBand>\(alpha)</SourceBand></SimpleSource></VRTRasterBand></MaskBand>\n"
        }
        xml += "</VRTDataset>\n"
        try MemoryFiles.write(xml, to: path)
        return try Dataset.open(path)
    }
}
