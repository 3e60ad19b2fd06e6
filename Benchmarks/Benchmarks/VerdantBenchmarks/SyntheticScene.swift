import Foundation
import GDALKit
import Verdant

/// A deterministic Sentinel-2-like test scene for benchmarks: 4 UInt16 bands (B02, B03, B04, B08),
/// pixel-interleaved, DEFLATE, 512 × 512 tiles, nodata 0, the +1000 offset.
enum SyntheticScene {
    /// Writes (once) a `size × size` scene under the temporary folder and returns its path; another `seed` gives
    /// another date of it (other noise; seed 0 is the scene the one-date benchmarks use).
    static func path(size: Int, seed: UInt64 = 0) throws -> String {
        let path = NSTemporaryDirectory() + "verdant-bench-scene-\(size)\(seed == 0 ? "" : "-s\(seed)").tif"
        if FileManager.default.fileExists(atPath: path) { return path }
        let tmp = path + ".tmp.tif"
        let ds = try Driver(named: "GTiff").create(
            path: tmp, width: size, height: size, bandCount: 4, dataType: .uInt16,
            options: [
                "TILED=YES", "BLOCKXSIZE=512", "BLOCKYSIZE=512",
                "COMPRESS=DEFLATE", "INTERLEAVE=PIXEL", "BIGTIFF=IF_SAFER"
            ])
        try ds.setGeoTransform(GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10))
        try ds.setSpatialReference(try SpatialReference(epsg: 32647))
        for (i, name) in ["B02", "B03", "B04", "B08"].enumerated() {
            try ds.band(i + 1).setBandDescription(name)
            try ds.band(i + 1).setNoDataValue(0)
        }
        var state: UInt64 = 7 &+ seed &* 0x9E37_79B9_7F4A_7C15
        let rows = 256
        for r0 in stride(from: 0, to: size, by: rows) {
            let h = min(rows, size - r0)
            var values = [UInt16](repeating: 0, count: size * h * 4)
            for b in 0..<4 {
                for i in 0..<(size * h) {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let noise = Double(state >> 40) / Double(1 << 24)
                    let base: Double = b == 3 ? 3000 : 400
                    values[b * size * h + i] = UInt16(1000 + base * (0.8 + 0.4 * noise))
                }
            }
            try ds.write(
                window: try Window(columnOffset: 0, rowOffset: r0, width: size, height: h), bands: [1, 2, 3, 4],
                values: values)
        }
        try ds.close()
        try FileManager.default.moveItem(atPath: tmp, toPath: path)
        return path
    }

    /// `dates` monthly dates (2024-01-15, 2024-02-15, …) of a `size × size` scene, each its own file (seeds 0, 1,
    /// …), stacked with B04 as red and B08 as NIR and the L2A scaling, written under the temporary folder once.
    static func series(dates: Int, size: Int) throws -> SeriesInputs {
        let acquisitions = try (0..<dates).map { d in
            let date = AcquisitionDate(String(format: "%04d-%02d-15", 2024 + d / 12, d % 12 + 1))!
            let inputs = RasterInputs.stacked(
                path: try path(size: size, seed: UInt64(d)), red: .description("B04"), nir: .description("B08"),
                scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1))
            return Acquisition(date: date, inputs: inputs, file: "benchmark", origin: "date \(d + 1)")
        }
        return SeriesInputs(acquisitions: acquisitions, masks: MaskRules())
    }
}
