import Foundation
import GDALKit

/// A multispectral-drone-like orthomosaic: 5 bands (blue, green, red, red edge, NIR, as a DJI P4 Multispectral
/// exports them) of 5 cm cells in EPSG:32647, UInt16 with GDAL scale 1/32768, an alpha band outlining the
/// flight footprint, tree crowns on grass.
struct DroneMosaic {
    static let width = 400, height = 300, cell = 0.05
    static let originX = 601_234.0, originY = 1_598_765.0
    static let bandNames = ["Blue", "Green", "Red", "RedEdge", "NIR"]
    static let footprint: [(Double, Double)] = [(1.0, 0.5), (19.5, 1.5), (19.0, 14.5), (0.5, 13.5)]

    static func write(to folder: String) throws {
        var rng = SampleRandom(seed: 0x5EED_0002)
        var crowns: [(u: Double, v: Double, r: Double)] = []
        for _ in 0..<12 {
            crowns.append((rng.uniform(2, 18), rng.uniform(2, 13), rng.uniform(1.0, 2.5)))
        }
        let n = width * height
        var dn = [UInt16](repeating: 0, count: n * 6)
        for row in 0..<height {
            for col in 0..<width {
                let u = (Double(col) + 0.5) * cell, v = (Double(row) + 0.5) * cell
                let i = row * width + col
                let noise = 1 + rng.uniform(-0.05, 0.05)
                guard contains(footprint, u, v) else { continue }
                var canopy = 0.0
                for c in crowns {
                    let d = ((u - c.u) * (u - c.u) + (v - c.v) * (v - c.v)).squareRoot() / c.r
                    if d < 1 { canopy = max(canopy, 1 - d * d) }
                }
                let grass = LandCover.grass.reflectance, tree = LandCover.forest.reflectance
                for b in 0..<5 {
                    let refl = (grass[b] * (1 - canopy) + tree[b] * canopy) * noise
                    dn[b * n + i] = UInt16(max(1, min(65_535, (refl * 32_768).rounded())))
                }
                dn[5 * n + i] = 255
            }
        }
        let driver = try Driver(named: "GTiff")
        let ds = try driver.create(
            path: "\(folder)/drone_multispectral.tif", width: width, height: height, bandCount: 6,
            dataType: .uInt16,
            options: [
                "TILED=YES", "BLOCKXSIZE=128", "BLOCKYSIZE=128", "COMPRESS=DEFLATE",
                "PREDICTOR=2", "INTERLEAVE=PIXEL", "PHOTOMETRIC=MINISBLACK"
            ])
        try ds.setGeoTransform(GeoTransform(originX: originX, originY: originY, cellWidth: cell, cellHeight: cell))
        try ds.setSpatialReference(try SpatialReference(epsg: 32647))
        try ds.setMetadataItem("SYNTHETIC", "made by sample-rasters/generator; not a real flight")
        for (k, name) in bandNames.enumerated() {
            let band = try ds.band(k + 1)
            try band.setBandDescription(name)
            try band.setScaleOffset(scale: 1.0 / 32_768, offset: 0)
        }
        try ds.band(6).setBandDescription("Alpha")
        try ds.band(6).setColorInterpretation("Alpha")
        try ds.write(
            window: try Window(columnOffset: 0, rowOffset: 0, width: width, height: height),
            bands: [1, 2, 3, 4, 5, 6], values: dn)
        try ds.close()

        // Parcels in the mosaic's own CRS (EPSG:32647), as a GeoJSON with a crs member.
        var doc = GeoJSONText(crsName: "urn:ogc:def:crs:EPSG::32647")
        let groups: [(String, [(Double, Double)])] = [
            ("T01", [(1.5, 1.5), (9.5, 1.8), (9.0, 7.0), (2.0, 7.5)]),
            ("T02", [(10.5, 2.0), (18.5, 2.5), (18.0, 8.0), (10.0, 7.5)]),
            ("T03", [(2.0, 8.5), (18.0, 8.5), (18.5, 14.8), (1.5, 14.0)])
        ]
        for (id, ring) in groups {
            let world = ring.map { (originX + $0.0, originY - $0.1) }
            doc.features.append(
                .init(properties: [("parcel_id", "\"\(id)\""), ("land_use", "\"trees\"")], polygons: [[world]]))
        }
        try doc.render(digits: 3).write(toFile: "\(folder)/drone_parcels.geojson", atomically: true, encoding: .utf8)
    }
}
