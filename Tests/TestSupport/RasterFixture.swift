import GDALKit

/// Writes small GeoTIFFs with known values for tests.
public enum RasterFixture {
    /// Writes a north-up GeoTIFF of `bands` (each row-major, `width × height` values) as `type`.
    @discardableResult
    public static func write(
        _ path: String, width: Int, height: Int, type: DataType, bands: [[Double]],
        noData: Double? = nil, descriptions: [String] = [], epsg: Int? = 32647,
        transform: GeoTransform = GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10),
        options: [String] = ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16"],
        scaleOffset: (Double, Double)? = nil
    ) throws -> String {
        let ds = try Driver(named: "GTiff").create(
            path: path, width: width, height: height, bandCount: bands.count,
            dataType: type, options: options)
        try ds.setGeoTransform(transform)
        if let epsg { try ds.setSpatialReference(try SpatialReference(epsg: epsg)) }
        for (i, values) in bands.enumerated() {
            let band = try ds.band(i + 1)
            if let noData { try band.setNoDataValue(noData) }
            if i < descriptions.count { try band.setBandDescription(descriptions[i]) }
            if let (s, o) = scaleOffset { try band.setScaleOffset(scale: s, offset: o) }
            try band.write(
                window: try Window(columnOffset: 0, rowOffset: 0, width: width, height: height), values: values)
        }
        try ds.close()
        return path
    }
}
