import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// The real MODIS MOD13Q1 NDVI series of ../shared/real-data/modis_ndvi_sits/ (12 JPEG 2000 dates, 2013-09-14 to
/// 2014-08-29, Int16 NDVI × 10000 with fill −3000, MODIS sinusoidal CRS) read as an `ndvi` band of a dates table,
/// over 700 m squares around its 18 labelled points: per-parcel, per-date figures against rasterio and numpy
/// (Tests/Fixtures/reference/make_modis_series_reference.py), `estimate` against the series, the valid range on
/// the fill, and the alert rule's false alerts on these seasonal series.
@Suite(.enabled(if: RealData.isPresent, "../shared/real-data/ is absent: the real MODIS series tests are skipped"))
struct ModisSeriesTests {
    static let folder = "modis_ndvi_sits/"
    static let parcels = ProjectRoot.path + "/Tests/Fixtures/reference/modis_sinop_parcels.geojson"

    struct Reference: Decodable {
        struct DateFile: Decodable {
            var date: String
            var file: String
            var value_sum: Int
            var fill_cells: Int
        }
        struct Figures: Decodable {
            var date: String
            var covered_ha: Double
            var observed_ha: Double
            var mean_ndvi: Double?
            var green_ha: Double
            var fill_cells: Int
            var over_one_cells: Int
            var mean_ndvi_unmasked: Double
        }
        struct Parcel: Decodable {
            var id: String
            var label: String
            var dates: [Figures]
        }
        var dates: [DateFile]
        var parcel_figures: [Parcel]
        var width: Int
    }

    static func reference() throws -> Reference {
        let path = ProjectRoot.path + "/Tests/Fixtures/reference/modis_series.json"
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The input options of `--scale 0.0001 [--valid-range -0.2,1]`, as the command line sets them.
    static func setup(validRange: Bool = true) -> SensorSetup {
        var s = SensorSetup()
        s.scale = 0.0001
        if validRange { s.validRange = -0.2...1 }
        return s
    }

    /// A dates table (`date,ndvi`) over the 12 files, written in `folder`, the date taken from each file's name.
    static func datesTable(in folder: TemporaryFolder, files: [String]? = nil) throws -> String {
        let names = try files ?? reference().dates.map { try RealData.require(Self.folder + $0.file) }
        var csv = "date,ndvi\n"
        for path in names {
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            csv += "\(stem.suffix(10)),\(path)\n"
        }
        let table = folder.file("dates.csv")
        try csv.write(toFile: table, atomically: true, encoding: .utf8)
        return table
    }

    /// `verdant series --dates TABLE --scale 0.0001 [--valid-range -0.2,1] --parcels … --id-field id`.
    static func request(table: String, validRange: Bool = true) throws -> SeriesRequest {
        let index = SpectralIndex.ndvi
        let series = try SeriesInputs.dates(
            table, setup: setup(validRange: validRange), needing: index.roles + [index.bandRole])
        var r = SeriesRequest(series: series, parcels: ParcelSource(path: parcels, idField: "id"))
        r.execution = ExecutionOptions(threads: 2)
        return r
    }

    static func relative(_ a: Double, _ b: Double) -> Double { a == b ? 0 : abs(a - b) / max(abs(a), abs(b)) }

    @Test func theDecodedValuesAreTheReferences() throws {
        // Lossy JPEG 2000: the figures can only agree if GDALKit decodes the same integers as rasterio's GDAL.
        for d in try Self.reference().dates {
            let values = try Dataset.open(try RealData.require(Self.folder + d.file)).band(1).readAll(as: Int16.self)
            #expect(values.reduce(0) { $0 + Int($1) } == d.value_sum, "\(d.date)")
            #expect(values.filter { $0 < -2000 }.count == d.fill_cells, "\(d.date)")
        }
    }

    @Test func perParcelAndDateFiguresMatchRasterioAndNumpy() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ref = try Self.reference()
        let report = try SeriesJob.run(try Self.request(table: try Self.datesTable(in: folder)))
        #expect(report.dates.map(\.text) == ref.dates.map(\.date))
        #expect(report.greenThreshold == 0.4)
        var worst = (observed: 0.0, mean: 0.0, green: 0.0)
        for (d, estimate) in report.estimates.enumerated() {
            #expect(estimate.rows.map(\.parcelID) == ref.parcel_figures.map(\.id))
            for (row, parcel) in zip(estimate.rows, ref.parcel_figures) {
                let r = parcel.dates[d]
                let where_ = "parcel \(parcel.id) (\(parcel.label)), \(r.date)"
                worst.observed = max(worst.observed, Self.relative(row.observedHa, r.observed_ha))
                worst.green = max(worst.green, Self.relative(row.greenHa ?? .nan, r.green_ha))
                #expect(Self.relative(row.coveredHa, r.covered_ha) <= 1e-9, "\(where_)")
                #expect(Self.relative(row.observedHa, r.observed_ha) <= 1e-9, "\(where_)")
                #expect(Self.relative(row.greenHa ?? .nan, r.green_ha) <= 1e-9, "\(where_)")
                let mean = try #require(row.meanNDVI, "\(where_)")
                worst.mean = max(worst.mean, Self.relative(mean, r.mean_ndvi ?? .nan))
                #expect(Self.relative(mean, r.mean_ndvi ?? .nan) <= 1e-9, "\(where_)")
                #expect(row.meanIndex == row.meanNDVI)
            }
        }
        // Measured (GDAL 3.6.2 here, rasterio's GDAL 3.10.3 there): at most 2.3e-12 (observed_ha), 9.7e-13
        // (mean_ndvi), 9.5e-12 (green_ha) relative: the last digits of the coverage of cells whose edges lie near
        // x = -6.07e6 m.
        #expect(worst.observed <= 1e-10 && worst.mean <= 1e-10 && worst.green <= 1e-10, "\(worst)")
    }

    @Test func aOneDateEstimateEqualsThatDateOfTheSeriesToTheLastBit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ref = try Self.reference()
        let report = try SeriesJob.run(try Self.request(table: try Self.datesTable(in: folder)))
        // The date with fill inside a parcel, and the last date.
        for d in [2, 11] {
            let file = try RealData.require(Self.folder + ref.dates[d].file)
            // `verdant estimate --band ndvi=FILE --scale 0.0001 --valid-range -0.2,1 --parcels … --id-field id`.
            var setup = Self.setup()
            setup.assignments = [try BandAssignment(parsing: "ndvi=\(file)")]
            let model = BiomassModel.example.taking(.ndvi)
            let (inputs, masks) = try setup.resolve(needing: model.index.roles)
            let estimate = try EstimateJob.run(
                EstimateRequest(
                    inputs: inputs, parcels: ParcelSource(path: Self.parcels, idField: "id"), model: model,
                    masks: masks, execution: ExecutionOptions(threads: 2)))
            #expect(estimate.rows == report.estimates[d].rows, "\(ref.dates[d].date)")
            #expect(estimate.totals == report.estimates[d].totals, "\(ref.dates[d].date)")
        }
    }

    @Test func withoutTheValidRangeTheFillIsAveragedIn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ref = try Self.reference()
        let report = try SeriesJob.run(
            try Self.request(table: try Self.datesTable(in: folder), validRange: false))
        var affected: [String] = []
        for (d, estimate) in report.estimates.enumerated() {
            for (row, parcel) in zip(estimate.rows, ref.parcel_figures) {
                let r = parcel.dates[d]
                let where_ = "parcel \(parcel.id), \(r.date)"
                // Every covered cell counts as observed, fill (about −0.3) and values above 1 included.
                #expect(Self.relative(row.observedHa, r.covered_ha) <= 1e-9, "\(where_)")
                let mean = try #require(row.meanNDVI)
                #expect(Self.relative(mean, r.mean_ndvi_unmasked) <= 1e-9, "\(where_)")
                if r.fill_cells > 0 || r.over_one_cells > 0 {
                    affected.append("\(parcel.id)@\(r.date)")
                    #expect(Self.relative(mean, r.mean_ndvi ?? .nan) > 1e-6, "\(where_)")
                } else {
                    #expect(Self.relative(mean, r.mean_ndvi ?? .nan) <= 1e-9, "\(where_)")
                }
            }
        }
        // Fill lies inside one parcel on one date (Cerrado 13 on 2013-11-17: six cells, a mean of 0.27 instead
        // of 0.80), a value above 10000 inside another (Soy_Corn 16 on 2014-03-22).
        #expect(affected == ["13@2013-11-17", "16@2014-03-22"])
        let cerrado = report.estimates[2].rows[12]
        #expect(abs(cerrado.meanNDVI! - 0.267) < 0.001)
    }
}
