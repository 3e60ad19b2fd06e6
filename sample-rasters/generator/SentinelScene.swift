import Foundation
import GDALKit

/// A Sentinel-2-L2A-like scene: 400 × 300 cells of 10 m in EPSG:32647, UInt16 DN with the +1000 offset of
/// processing baseline 04.00+, nodata 0, a cloud with its shadow, and a 20 m SCL layer.
struct SentinelScene {
    static let width = 400, height = 300, cell = 10.0
    static let originX = 600_000.0, originY = 1_600_000.0
    static let bandNames = ["B02", "B03", "B04", "B08"]

    static let forest: [(Double, Double)] = [(200, 200), (1700, 150), (1900, 1300), (300, 1500)]
    static let plantation: [(Double, Double)] = [(2100, 250), (3700, 250), (3700, 1400), (2100, 1400)]

    static func riverCentre(_ u: Double) -> Double { 1800 + 300 * sin(u / 700) }

    /// Land cover at local metres (u east from the left edge, v south from the top edge).
    static func cover(_ u: Double, _ v: Double) -> LandCover {
        if abs(v - riverCentre(u)) < 60 { return .water }
        if contains(forest, u, v) { return .forest }
        if contains(plantation, u, v) { return .plantation }
        let du = (u - 1000) / 500, dv = (v - 2500) / 250
        if du * du + dv * dv < 1 { return .bare }
        return .grass
    }

    /// 0 clear, 1 cloud rim (SCL 8), 2 cloud core (SCL 9), 3 cloud shadow (SCL 3).
    static func cloud(_ u: Double, _ v: Double) -> Int {
        let cu = (u - 3000) / 350, cv = (v - 2300) / 220
        let r = cu * cu + cv * cv
        if r < 0.6 { return 2 }
        if r < 1 { return 1 }
        let su = (u - 2750) / 350, sv = (v - 2550) / 220
        if su * su + sv * sv < 1 { return 3 }
        return 0
    }

    /// Outside the swath (a corner wedge): nodata.
    static func outside(_ u: Double, _ v: Double) -> Bool { u + 0.3 * v < 150 }

    static func write(to folder: String) throws {
        var rng = SampleRandom(seed: 0x5EED_0001)
        let n = width * height
        var dn = [UInt16](repeating: 0, count: n * 4)
        for row in 0..<height {
            for col in 0..<width {
                let u = (Double(col) + 0.5) * cell, v = (Double(row) + 0.5) * cell
                let i = row * width + col
                let texture = 1 + rng.uniform(-0.08, 0.08)
                if outside(u, v) { continue }
                let c = cover(u, v)
                let base = c.reflectance
                // Blue, green, red, NIR of the S2 stack (the generic table holds blue, green, red, red edge, NIR).
                var refl = [base[0], base[1], base[2], base[4]]
                if c == .plantation {
                    let rows = 0.5 + 0.5 * sin(u / 9)
                    refl[2] *= 1.25 - 0.5 * rows
                    refl[3] *= 0.85 + 0.3 * rows
                }
                let smooth = 1 + 0.06 * sin(u / 310) * cos(v / 270)
                refl = refl.map { $0 * texture * smooth }
                switch cloud(u, v) {
                case 1, 2: refl = refl.map { _ in 0.42 + rng.uniform(-0.03, 0.03) }
                case 3: refl = refl.map { $0 * 0.35 }
                default: break
                }
                for b in 0..<4 {
                    let value = (refl[b] * 10_000 + 1000).rounded()
                    dn[b * n + i] = UInt16(max(1, min(65_535, value)))
                }
            }
        }
        let driver = try Driver(named: "GTiff")
        let common = ["TILED=YES", "BLOCKXSIZE=128", "BLOCKYSIZE=128", "COMPRESS=DEFLATE", "PREDICTOR=2"]
        let transform = GeoTransform(originX: originX, originY: originY, cellWidth: cell, cellHeight: cell)
        let crs = try SpatialReference(epsg: 32647)
        let all = try Window(columnOffset: 0, rowOffset: 0, width: width, height: height)

        let stack = try driver.create(
            path: "\(folder)/sentinel2_l2a_stack.tif", width: width, height: height,
            bandCount: 4, dataType: .uInt16, options: common + ["INTERLEAVE=PIXEL"])
        try stack.setGeoTransform(transform)
        try stack.setSpatialReference(crs)
        try stack.setMetadataItem("PROCESSING_BASELINE", "05.09")
        try stack.setMetadataItem("BOA_ADD_OFFSET", "-1000")
        try stack.setMetadataItem("BOA_QUANTIFICATION_VALUE", "10000")
        try stack.setMetadataItem("SYNTHETIC", "made by sample-rasters/generator; not a real acquisition")
        for (k, name) in bandNames.enumerated() {
            let band = try stack.band(k + 1)
            try band.setBandDescription(name)
            try band.setNoDataValue(0)
        }
        try stack.write(window: all, bands: [1, 2, 3, 4], values: dn)
        try stack.close()

        for (k, name) in [(2, "B04"), (3, "B08")] {
            let ds = try driver.create(
                path: "\(folder)/sentinel2_l2a_\(name).tif", width: width, height: height,
                bandCount: 1, dataType: .uInt16, options: common)
            try ds.setGeoTransform(transform)
            try ds.setSpatialReference(crs)
            let band = try ds.band(1)
            try band.setBandDescription(name)
            try band.setNoDataValue(0)
            try ds.write(window: all, bands: [1], values: Array(dn[(k * n)..<((k + 1) * n)]))
            try ds.close()
        }

        // SCL at 20 m: the class at each 20 m cell's centre.
        let sw = width / 2, sh = height / 2
        var scl = [UInt8](repeating: 0, count: sw * sh)
        for row in 0..<sh {
            for col in 0..<sw {
                let u = (Double(col) + 0.5) * 2 * cell, v = (Double(row) + 0.5) * 2 * cell
                if outside(u, v) { continue }
                switch cloud(u, v) {
                case 1: scl[row * sw + col] = 8
                case 2: scl[row * sw + col] = 9
                case 3: scl[row * sw + col] = 3
                default: scl[row * sw + col] = cover(u, v).scl
                }
            }
        }
        let sclDS = try driver.create(
            path: "\(folder)/sentinel2_l2a_SCL_20m.tif", width: sw, height: sh,
            bandCount: 1, dataType: .byte, options: common)
        try sclDS.setGeoTransform(
            GeoTransform(originX: originX, originY: originY, cellWidth: 2 * cell, cellHeight: 2 * cell))
        try sclDS.setSpatialReference(crs)
        try sclDS.band(1).setBandDescription("SCL")
        try sclDS.band(1).setNoDataValue(0)
        try sclDS.write(
            window: try Window(columnOffset: 0, rowOffset: 0, width: sw, height: sh), bands: [1], values: scl)
        try sclDS.close()

        try writeParcels(to: "\(folder)/sentinel2_parcels.geojson", crs: crs)
    }

    /// Parcels in EPSG:4326 (longitude, latitude): holes, a multipart parcel, one under the cloud, one over
    /// the scene's right edge.
    static func writeParcels(to path: String, crs: SpatialReference) throws {
        typealias Ring = [(Double, Double)]
        func rect(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double) -> Ring {
            [(u0, v0), (u1, v0), (u1, v1), (u0, v1)]
        }
        let parcels: [(id: String, use: String, polygons: [[Ring]])] = [
            ("P01", "forest", [[[(400, 300), (1500, 260), (1650, 1150), (520, 1300)]]]),
            ("P02", "forest", [[rect(250, 1000, 1200, 1450), rect(600, 1150, 850, 1300)]]),
            ("P03", "plantation", [[rect(2150, 300, 3000, 900)]]),
            ("P04", "plantation", [[rect(3050, 300, 3650, 1350)], [rect(2150, 1000, 2900, 1350)]]),
            ("P05", "grass", [[[(2500, 1900), (3500, 1950), (3400, 2700), (2550, 2650)]]]),
            ("P06", "mixed", [[[(100, 1550), (1900, 1500), (1950, 2100), (120, 2150)]]]),
            ("P07", "bare", [[[(600, 2300), (1400, 2280), (1450, 2750), (580, 2720)]]]),
            ("P08", "plantation", [[rect(3500, 1500, 4300, 1800)]]),
            ("P09", "grass", [[[(20, 20), (500, 40), (300, 400)]]])
        ]
        let wgs84 = try SpatialReference(epsg: 4326)
        let toLonLat = try CoordinateTransformation(from: crs, to: wgs84)
        var doc = GeoJSONText()
        for p in parcels {
            var polygons: [[Ring]] = []
            for polygon in p.polygons {
                var rings: [Ring] = []
                for ring in polygon {
                    var xs = ring.map { originX + $0.0 }, ys = ring.map { originY - $0.1 }
                    try toLonLat.transform(x: &xs, y: &ys)
                    rings.append(Array(zip(xs, ys)))
                }
                polygons.append(rings)
            }
            doc.features.append(
                .init(properties: [("parcel_id", "\"\(p.id)\""), ("land_use", "\"\(p.use)\"")], polygons: polygons))
        }
        try doc.render(digits: 9).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
