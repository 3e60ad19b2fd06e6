import Foundation
import GDALKit
import TestSupport
import Verdant

/// A hand-made 48 × 32 scene of 10 m cells (EPSG:32647, blocks of 16: 3 × 2 tiles) in three column bands of
/// separable classes — water (columns 0–15), forest (16–31), bare (32–47) — with blue, green, red and NIR as
/// UInt16 DN (scale 0.0001, nodata 0), an SCL band, and training polygons: three 4 × 4-cell squares per class.
enum ClassifyScene {
    static let width = 48, height = 32
    static let classes = ["bare", "forest", "water"]
    /// Blue, green, red, NIR of each column band (water, forest, bare).
    static let spectra: [[Double]] = [[600, 500, 300, 150], [300, 600, 250, 3500], [1500, 1800, 2200, 2800]]
    /// A cloud (SCL 9) at (row 10, column 20) and at (3, 5) inside a water polygon; no data at (20, 40).
    static let cloudy = [(10, 20), (3, 5)]
    static let noData = (20, 40)
    static let scaling = ReflectanceScaling(scale: 0.0001)

    /// The map value (k + 1 for `classes[k]`, 0 unobserved) each cell should get.
    static var expectedMap: [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height)
        for r in 0..<height {
            for c in 0..<width {
                let name = ["water", "forest", "bare"][c / 16]
                out[r * width + c] = UInt8(classes.firstIndex(of: name)! + 1)
            }
        }
        for (r, c) in cloudy + [noData] { out[r * width + c] = 0 }
        return out
    }

    /// Writes the stack (`bandOrder` permutes blue, green, red, NIR in the file; descriptions B2, B3, B4, B8 follow
    /// the bands) and the SCL band; the inputs map the roles to the first four bands of the file in order.
    static func inputs(
        _ folder: TemporaryFolder, name: String = "scene.tif", bandOrder: [Int] = [0, 1, 2, 3], count: Int = 4
    ) throws -> RasterInputs {
        var rng = SplitMix64(seed: 7)
        var bands = [[Double]](repeating: [], count: 4)
        for r in 0..<height {
            for c in 0..<width {
                for b in 0..<4 {
                    bands[b].append(spectra[c / 16][b] + Double(rng.integer(-60, 60)))
                    if (r, c) == noData { bands[b][bands[b].count - 1] = 0 }
                }
            }
        }
        let names = ["B2", "B3", "B4", "B8"]
        let order = Array(bandOrder.prefix(count))
        let stack = try RasterFixture.write(
            folder.file(name), width: width, height: height, type: .uInt16, bands: order.map { bands[$0] },
            noData: 0, descriptions: order.map { names[$0] })
        var scl = [Double](repeating: 4, count: width * height)
        for (r, c) in cloudy { scl[r * width + c] = 9 }
        let sclPath = try RasterFixture.write(
            folder.file("scl-" + name), width: width, height: height, type: .byte, bands: [scl])
        let roles: [BandRole] = [.blue, .green, .red, .nir]
        var map: [BandRole: BandSource] = [.scl: BandSource(path: sclPath, band: .index(1))]
        for k in 0..<count { map[roles[k]] = BandSource(path: stack, band: .index(k + 1)) }
        return RasterInputs(bands: map, scaling: scaling)
    }

    /// The squares: per class, 4 × 4 cells at rows 2–5, 12–15 and 24–27, columns 4–7 of its band (inset 1 m).
    static func squares() -> [(id: String, cls: String, ring: [(Double, Double)])] {
        var out: [(String, String, [(Double, Double)])] = []
        for (band, cls) in ["water", "forest", "bare"].enumerated() {
            for (k, row) in [2, 12, 24].enumerated() {
                let x0 = 600_000 + Double(band * 16 + 4) * 10, y1 = 1_600_000 - Double(row) * 10
                out.append(("\(cls)-\(k)", cls, VectorFixture.rect(x0 + 1, y1 - 39, x0 + 39, y1 - 1)))
            }
        }
        return out
    }

    /// Writes the training polygons as GeoJSON in `crs` (EPSG:32647 or EPSG:4326, reprojected), with fields `id`
    /// and `class`; `drop` leaves polygons out, `extra` adds some (in EPSG:32647).
    static func training(
        _ folder: TemporaryFolder, name: String = "training.geojson", crs: String = "EPSG:32647",
        drop: Set<String> = [], relabel: [String: String] = [:], extra: [(String, String, [(Double, Double)])] = []
    ) throws -> ParcelSource {
        let utm = try SpatialReference(epsg: 32647)
        let target = try SpatialReference(epsg: crs == "EPSG:4326" ? 4326 : 32647)
        let t = try CoordinateTransformation(from: utm, to: target)
        var features: [VectorFixture.Feature] = []
        for (id, cls, ring) in squares().filter({ !drop.contains($0.id) }) + extra {
            var xs = ring.map(\.0), ys = ring.map(\.1)
            if crs == "EPSG:4326" { try t.transform(x: &xs, y: &ys) }
            features.append(
                VectorFixture.Feature(
                    properties: [("id", "\"\(id)\""), ("class", "\"\(relabel[id] ?? cls)\"")],
                    polygons: [[Array(zip(xs, ys))]]))
        }
        let path = try VectorFixture.geojson(folder.file(name), crs: crs, features: features)
        return ParcelSource(path: path, idField: "id")
    }

    /// A request training on `training` and writing `classes.tif` in `folder`.
    static func request(
        _ folder: TemporaryFolder, inputs: RasterInputs, training: ParcelSource?, out: String = "classes.tif",
        folds: Int = 3, threads: Int = 1
    ) -> ClassifyRequest {
        var r = ClassifyRequest(inputs: inputs, output: folder.file(out))
        r.training = training
        r.classField = training == nil ? nil : "class"
        r.trees = 25
        r.folds = folds
        r.execution.threads = threads
        r.execution.tileSize = 16
        return r
    }
}
