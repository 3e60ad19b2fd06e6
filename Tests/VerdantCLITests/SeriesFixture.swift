import Foundation
import GDALKit
import TestSupport

/// A small monthly series for the command line, mirroring the library tests' scenario: an 8 × 8 grid of 10 m cells
/// (EPSG:32647) holding four 4 × 4-cell parcels, one red, NIR and SCL GeoTIFF per date (2020-01-15, 2020-02-15, …)
/// listed in `dates.csv`, red chosen so that each cell's NDVI is a known value.
/// - `stable`: NDVI 0.70 with a weak annual cycle (0.05).
/// - `seasonal`: NDVI 0.55 ± 0.30 over the year, never a clearing.
/// - `cleared`: like `stable` until `clearingIndex`, then NDVI 0.15.
/// - `cloudy`: like `stable`, but SCL 9 (cloud) over it on `cloudyIndices`.
struct SeriesFixture {
    static let parcels = ["stable", "seasonal", "cleared", "cloudy"]
    /// The first cleared date (index into the dates): after the 12 months of the default baseline.
    static let clearingIndex = 15
    /// The dates under cloud over `cloudy`.
    static let cloudyIndices = [13, 14]
    static let nir = 0.30

    let folder: TemporaryFolder
    let dates: [String]
    let datesCSV: String
    let parcelsPath: String

    /// NDVI of parcel `p` on date `d`, with a small deterministic ripple.
    static func ndvi(parcel p: Int, date d: Int) -> Double {
        let t = Double(d) / 12
        let ripple = 0.004 * sin(Double(d) * 2.3 + Double(p))
        switch p {
        case 1: return 0.55 + 0.30 * sin(2 * Double.pi * t) + ripple
        case 2 where d >= clearingIndex: return 0.15 + ripple
        default: return 0.70 + 0.05 * sin(2 * Double.pi * t) + ripple
        }
    }

    /// The date of index `d`: the 15th of each month from January 2020.
    static func date(_ d: Int) -> String { String(format: "%04d-%02d-15", 2020 + d / 12, d % 12 + 1) }

    /// Writes `dateCount` dates, the dates table and the parcels (a GeoJSON with a `name` field) into `folder`
    /// (nil: a new temporary folder).
    init(dateCount: Int = 20, in folder: TemporaryFolder? = nil) throws {
        self.folder = try folder ?? TemporaryFolder()
        let folder = self.folder
        var dates: [String] = []
        var csv = "date,red,nir,scl\n"
        for d in 0..<dateCount {
            let date = Self.date(d)
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
            try RasterFixture.write(folder.file("red-\(date).tif"), width: 8, height: 8, type: .float32, bands: [red])
            try RasterFixture.write(
                folder.file("nir-\(date).tif"), width: 8, height: 8, type: .float32,
                bands: [[Double](repeating: Self.nir, count: 64)])
            try RasterFixture.write(folder.file("scl-\(date).tif"), width: 8, height: 8, type: .byte, bands: [scl])
            csv += "\(date),red-\(date).tif,nir-\(date).tif,scl-\(date).tif\n"
        }
        self.dates = dates
        datesCSV = folder.file("dates.csv")
        try csv.write(toFile: datesCSV, atomically: true, encoding: .utf8)
        parcelsPath = try Self.writeParcels(folder.file("parcels.geojson"))
    }

    /// The four quadrant parcels of the 80 m × 80 m grid at (600000, 1600000), named by `name`.
    static func writeParcels(_ path: String) throws -> String {
        let x0 = 600_000.0, y0 = 1_600_000.0
        var features: [VectorFixture.Feature] = []
        for (p, name) in parcels.enumerated() {
            let c = Double(p % 2) * 40, r = Double(p / 2) * 40
            features.append(
                VectorFixture.Feature(
                    properties: [("name", "\"\(name)\"")],
                    polygons: [[VectorFixture.rect(x0 + c, y0 - r - 40, x0 + c + 40, y0 - r)]]))
        }
        return try VectorFixture.geojson(path, crs: "EPSG:32647", features: features)
    }

    /// `verdant series` over the fixture with `--scale 1`, the parcels named by `name`, and `extra` arguments.
    func series(_ extra: [String]) -> [String] {
        ["series", "--dates", datesCSV, "--scale", "1", "--parcels", parcelsPath, "--id-field", "name"] + extra
    }

    /// The CSV text's header and its rows as column → text.
    static func table(_ csv: String) -> (header: [String], rows: [[String: String]]) {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = lines[0].map(String.init)
        return (
            header, lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.map(String.init))) }
        )
    }
}
