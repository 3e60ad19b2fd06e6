import Foundation
import GDALKit
import TestSupport
import Verdant

/// A synthetic series with known answers: an 8 × 8 grid of 10 m cells (EPSG:32647) holding four 4 × 4-cell
/// parcels, 36 monthly dates over three years (2020-01-15 …), red and NIR chosen so each cell's NDVI is a known
/// value, and an SCL band.
/// - `stable`: NDVI 0.70 with a weak annual cycle (0.05).
/// - `seasonal`: a deciduous-like cycle, NDVI 0.55 ± 0.30: lows of 0.25 every year, never a clearing.
/// - `cleared`: like `stable` until `clearingDate`, then NDVI 0.15.
/// - `cloudy`: like `stable`, but SCL 9 (cloud) over it on two consecutive dates after the baseline.
struct SeriesScenario {
    static let parcels = ["stable", "seasonal", "cleared", "cloudy"]
    /// The first cleared date (index into the dates).
    static let clearingIndex = 25
    /// The dates under cloud over `cloudy`.
    static let cloudyIndices = [20, 21]
    static let nir = 0.30

    let folder: TemporaryFolder
    let dates: [String]
    let datesCSV: String
    let parcelsPath: String

    /// NDVI of parcel `p` on date `d` (t in years from the first date), with a small deterministic ripple.
    static func ndvi(parcel p: Int, date d: Int) -> Double {
        let t = Double(d) / 12
        let ripple = 0.004 * sin(Double(d) * 2.3 + Double(p))
        switch p {
        case 1: return 0.55 + 0.30 * sin(2 * Double.pi * t) + ripple
        case 2 where d >= clearingIndex: return 0.15 + ripple
        default: return 0.70 + 0.05 * sin(2 * Double.pi * t) + ripple
        }
    }

    /// Writes the scenario's rasters, dates table and parcels; `dateCount` dates from the first.
    init(dateCount: Int = 36, extraColumns: String = "") throws {
        folder = try TemporaryFolder()
        var dates: [String] = []
        var csv = "date,red,nir,scl\n"
        for d in 0..<dateCount {
            let year = 2020 + d / 12, month = d % 12 + 1
            let date = String(format: "%04d-%02d-15", year, month)
            dates.append(date)
            var red = [Double](repeating: 0, count: 64), scl = [Double](repeating: 4, count: 64)
            for row in 0..<8 {
                for col in 0..<8 {
                    let p = (row / 4) * 2 + col / 4
                    let v = Self.ndvi(parcel: p, date: d)
                    red[row * 8 + col] = Self.nir * (1 - v) / (1 + v)
                    if p == 3 && Self.cloudyIndices.contains(d) { scl[row * 8 + col] = 9 }
                }
            }
            try RasterFixture.write(
                folder.file("red-\(date).tif"), width: 8, height: 8, type: .float32, bands: [red])
            try RasterFixture.write(
                folder.file("nir-\(date).tif"), width: 8, height: 8, type: .float32,
                bands: [[Double](repeating: Self.nir, count: 64)])
            try RasterFixture.write(folder.file("scl-\(date).tif"), width: 8, height: 8, type: .byte, bands: [scl])
            csv += "\(date),red-\(date).tif,nir-\(date).tif,scl-\(date).tif\n"
        }
        self.dates = dates
        datesCSV = folder.file("dates.csv")
        try csv.write(toFile: datesCSV, atomically: true, encoding: .utf8)
        // Parcels: quadrants of the 80 m × 80 m grid at (600000, 1600000) (north-up, rows go south).
        let x0 = 600_000.0, y0 = 1_600_000.0
        var features: [VectorFixture.Feature] = []
        for (p, name) in Self.parcels.enumerated() {
            let c = Double(p % 2) * 40, r = Double(p / 2) * 40
            features.append(
                VectorFixture.Feature(
                    properties: [("name", "\"\(name)\"")],
                    polygons: [[VectorFixture.rect(x0 + c, y0 - r - 40, x0 + c + 40, y0 - r)]]))
        }
        parcelsPath = try VectorFixture.geojson(folder.file("parcels.geojson"), crs: "EPSG:32647", features: features)
    }

    /// The series of the scenario, read through its dates table.
    func series() throws -> SeriesInputs {
        var setup = SensorSetup()
        setup.scale = 1
        return try SeriesInputs.dates(datesCSV, setup: setup, needing: [.red, .nir])
    }

    /// A series request over the scenario.
    func request(model: BiomassModel? = nil, threads: Int = 2) throws -> SeriesRequest {
        var r = SeriesRequest(
            series: try series(), parcels: ParcelSource(path: parcelsPath, idField: "name"), model: model)
        r.execution = ExecutionOptions(threads: threads)
        return r
    }

    /// The estimate of date `d` alone, as `verdant estimate` would run it.
    func estimate(date d: Int, model: BiomassModel) throws -> EstimateReport {
        var inputs = RasterInputs(
            bands: [
                .red: BandSource(path: folder.file("red-\(dates[d]).tif"), band: .index(1)),
                .nir: BandSource(path: folder.file("nir-\(dates[d]).tif"), band: .index(1)),
                .scl: BandSource(path: folder.file("scl-\(dates[d]).tif"), band: .index(1))
            ], scaling: .identity)
        inputs.warnings = []
        return try EstimateJob.run(
            EstimateRequest(
                inputs: inputs, parcels: ParcelSource(path: parcelsPath, idField: "name"), model: model,
                execution: ExecutionOptions(threads: 2)))
    }
}
