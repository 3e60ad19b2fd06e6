import Foundation
import GDALKit
import TestSupport
@testable import Verdant

/// A hand-made 32 × 32 scene of 10 m cells (EPSG:32647) on two or three dates, red and NIR as Float32 reflectance
/// with an SCL band per date, whose two classes differ only in the change between dates 1 and 2: in quadrants of
/// 16 × 16 cells NDVI is high → high (top left) and low → low (bottom left), the `stable` class, and high → low
/// (top right) and low → high (bottom right), the `changed` class. On any one date each class holds both levels.
/// A third date is `mid` everywhere. Training polygons: two 4 × 4-cell squares per quadrant.
enum ClassifyDatesScene {
    static let size = 32
    static let classes = ["changed", "stable"]
    /// Red and NIR of the NDVI levels: high (NDVI 0.8), low (0.05 / 0.45 = 0.111…), mid (0.5).
    static let high = (red: 0.05, nir: 0.45), low = (red: 0.20, nir: 0.25), mid = (red: 0.10, nir: 0.30)

    /// The quadrant's class: stable on the left, changed on the right.
    static func className(row: Int, column: Int) -> String { column < 16 ? "stable" : "changed" }

    /// Red and NIR of a cell on date `d` (from 0), before any noise.
    static func level(row: Int, column: Int, date d: Int) -> (red: Double, nir: Double) {
        if d >= 2 { return mid }
        let top = row < 16
        let first = top ? high : low
        if d == 0 || column < 16 { return first }
        return top ? low : high
    }

    /// The map value (k + 1 for `classes[k]`) of each cell.
    static var expectedMap: [UInt8] {
        (0..<(size * size)).map { i in
            UInt8(classes.firstIndex(of: className(row: i / size, column: i % size))! + 1)
        }
    }

    /// Writes the dates (red, NIR and SCL files per date and a dates table `name`); `clouds[d]` are cells (row,
    /// column) under a cloud (SCL 9) on date d; `noise` adds ±0.01 to the reflectance.
    static func series(
        _ folder: TemporaryFolder, dates: Int = 2, clouds: [Int: [(Int, Int)]] = [:], noise: Bool = true,
        name: String = "dates.csv"
    ) throws -> SeriesInputs {
        var rng = SplitMix64(seed: 11)
        var csv = "date,red,nir,scl\n"
        for d in 0..<dates {
            var red: [Double] = [], nir: [Double] = []
            for i in 0..<(size * size) {
                let v = level(row: i / size, column: i % size, date: d)
                red.append(v.red + (noise ? Double(rng.integer(-10, 10)) / 1000 : 0))
                nir.append(v.nir + (noise ? Double(rng.integer(-10, 10)) / 1000 : 0))
            }
            var scl = [Double](repeating: 4, count: size * size)
            for (r, c) in clouds[d] ?? [] { scl[r * size + c] = 9 }
            let stem = "\(name)-\(d)"
            try RasterFixture.write(
                folder.file("\(stem)-red.tif"), width: size, height: size, type: .float32, bands: [red])
            try RasterFixture.write(
                folder.file("\(stem)-nir.tif"), width: size, height: size, type: .float32, bands: [nir])
            try RasterFixture.write(
                folder.file("\(stem)-scl.tif"), width: size, height: size, type: .byte, bands: [scl])
            csv += "2024-0\(d + 1)-15,\(stem)-red.tif,\(stem)-nir.tif,\(stem)-scl.tif\n"
        }
        try csv.write(toFile: folder.file(name), atomically: true, encoding: .utf8)
        var setup = SensorSetup()
        setup.scale = 1
        return try SeriesInputs.dates(folder.file(name), setup: setup, needing: [.red, .nir])
    }

    /// The cell (row, column) of each corner of the training squares: rows and columns 2 and 10 of each quadrant.
    static let squareCorners: [(Int, Int)] = [
        (2, 2), (10, 10), (2, 18), (10, 26), (18, 2), (26, 10), (18, 18), (26, 26)
    ]

    /// The training squares (ids `stable-0`…`3`, `changed-0`…`3`) as GeoJSON in EPSG:32647, fields `id`, `class`.
    static func training(_ folder: TemporaryFolder, name: String = "training.geojson") throws -> ParcelSource {
        var features: [VectorFixture.Feature] = []
        var count: [String: Int] = [:]
        for (r, c) in squareCorners {
            let cls = className(row: r, column: c)
            let id = "\(cls)-\(count[cls, default: 0])"
            count[cls, default: 0] += 1
            let x0 = 600_000 + Double(c) * 10, y1 = 1_600_000 - Double(r) * 10
            features.append(
                VectorFixture.Feature(
                    properties: [("id", "\"\(id)\""), ("class", "\"\(cls)\"")],
                    polygons: [[VectorFixture.rect(x0 + 1, y1 - 39, x0 + 39, y1 - 1)]]))
        }
        return ParcelSource(
            path: try VectorFixture.geojson(folder.file(name), crs: "EPSG:32647", features: features), idField: "id")
    }

    /// The centre of cell (row, column) in EPSG:32647.
    static func centre(_ r: Int, _ c: Int) -> (x: Double, y: Double) {
        (600_000 + (Double(c) + 0.5) * 10, 1_600_000 - (Double(r) + 0.5) * 10)
    }

    /// A request on `series` with `features` (nil: the default) training on `training`, writing `out`.
    static func request(
        _ folder: TemporaryFolder, series: SeriesInputs, features: String?, training: ParcelSource?,
        out: String = "classes.tif", folds: Int = 2
    ) throws -> ClassifyRequest {
        var r = ClassifyRequest(series: series, output: folder.file(out))
        r.features = try features.map { try $0.split(separator: ",").map { try Feature(parsing: String($0)) } }
        r.training = training
        r.classField = training == nil ? nil : "class"
        r.trees = 25
        r.folds = folds
        r.execution.threads = 2
        r.execution.tileSize = 16
        return r
    }

    /// The training samples of `training` on `series` with `features`, as the job reads them.
    static func samples(
        _ series: SeriesInputs, features: String, training: ParcelSource, minObserved: Double = 1,
        crs: String? = nil
    ) throws -> TrainingSamples {
        let rules = try CellRules(model: BiomassModel.example.taking(.ndvi), masks: series.masks)
        let list = try Feature.expanded(
            features.split(separator: ",").map { try Feature(parsing: String($0)) },
            dates: series.acquisitions.count)
        let (_, dates, _) = try series.onCommonGrid(roles: {
            Array(Set(rules.requiredRoles(for: $0) + [.red, .nir])).sorted()
        })
        let stack = try FeatureStack(features: list, dates: dates, rules: rules, minObserved: minObserved)
        return try TrainingSamples.read(
            training, classField: "class", stack: stack, execution: ExecutionOptions(threads: 1, tileSize: 16),
            pointCRS: crs)
    }

    /// Writes training points as a CSV `name` with the header `header` and one line per row.
    static func csv(_ folder: TemporaryFolder, _ name: String, header: String, rows: [String]) throws -> ParcelSource {
        let path = folder.file(name)
        try ([header] + rows).joined(separator: "\n").appending("\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        return ParcelSource(path: path)
    }
}
