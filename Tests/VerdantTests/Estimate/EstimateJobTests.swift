import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

@Suite struct EstimateJobTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")

    static func request(
        parcels: String = parcels, idField: String? = "parcel_id", threads: Int = 2,
        raster: String = stack, tileSize: Int? = nil
    ) -> EstimateRequest {
        EstimateRequest(
            inputs: .stacked(
                path: raster, red: .description("B04"), nir: .description("B08"),
                scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1)),
            parcels: ParcelSource(path: parcels, idField: idField),
            model: try! BiomassModel(parsing: "linear:-30,250"),
            execution: ExecutionOptions(threads: threads, tileSize: tileSize))
    }

    @Test func bitIdenticalForOneTwoAndEightWorkers() throws {
        let reports = try [1, 2, 8].map { try EstimateJob.run(Self.request(threads: $0, tileSize: 128)) }
        #expect(reports[0].rows == reports[1].rows && reports[1].rows == reports[2].rows)
        #expect(reports[0].totals == reports[2].totals)
        #expect(reports[0].metadata.tiles == 12)
        // Reading tiles ahead (all of them, some, or none) changes no bit either.
        for budget in [0, 200_000, 1 << 30] {
            var request = Self.request(threads: 2, tileSize: 128)
            request.execution.readAheadBytes = budget
            let report = try EstimateJob.run(request)
            #expect(report.rows == reports[0].rows && report.totals == reports[0].totals, "read-ahead budget \(budget)")
        }
    }

    @Test func parcelOrderDoesNotChangeTheFigures() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var doc =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.parcels)))
            as! [String: Any]
        doc["features"] = Array((doc["features"] as! [Any]).reversed())
        let reversed = folder.file("reversed.geojson")
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: reversed))
        let a = try EstimateJob.run(Self.request())
        let b = try EstimateJob.run(Self.request(parcels: reversed))
        #expect(b.rows.map(\.parcelID) == a.rows.map(\.parcelID).reversed())
        // (JSONSerialization reorders the properties, so compare the figures, not the attribute order.)
        func figures(_ r: EstimateReport) -> [String: ParcelFigures] {
            Dictionary(
                uniqueKeysWithValues: r.rows.map { row in
                    var f = row; f.attributes = []; return (row.parcelID, f)
                })
        }
        #expect(figures(a) == figures(b))
        #expect(a.totals == b.totals)
    }

    @Test func sampleParcelsBehaveAsDesigned() throws {
        let report = try EstimateJob.run(Self.request())
        let rows = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.parcelID, $0) })
        #expect(report.rows.count == 9)
        // P08 crosses the scene's right edge: 800 m × 300 m, 500 m of it over the raster.
        let p08 = try #require(rows["P08"])
        #expect(abs(p08.parcelHa - 24) < 1e-3 && abs(p08.coveredHa - 15) < 1e-3)
        #expect(abs(p08.unobservedFraction! - 0.375) < 1e-4)
        // P09 lies partly over the nodata wedge: covered but not all observed.
        let p09 = try #require(rows["P09"])
        #expect(p09.observedHa < p09.coveredHa - 0.5)
        // P02 has a hole of 250 m × 150 m in 950 m × 450 m.
        #expect(abs(try #require(rows["P02"]).parcelHa - (42.75 - 3.75)) < 1e-3)
        // Carbon and CO2e follow the factors (CF 0.47, R 0).
        for r in report.rows {
            #expect(r.carbonT == r.agbT * 1 * 0.47)
            #expect(r.co2eT == r.carbonT * (44.0 / 12.0))
        }
        #expect(abs(report.totals.agbT - report.rows.map(\.agbT).reduce(0, +)) < 1e-6)
    }

    @Test func rootShootAndCarbonFraction() throws {
        var req = Self.request()
        req.factors = CarbonFactors(rootShoot: 0.27, carbonFraction: 0.4715, source: "test")
        let r = try EstimateJob.run(req).rows[0]
        #expect(r.carbonT == r.agbT * 1.27 * 0.4715)
        req.factors = CarbonFactors(rootShoot: -1, carbonFraction: 0.47, source: "test")
        #expect(throws: VerdantError.self) { try EstimateJob.run(req) }
    }

    /// A 10 × 10 raster of 10 m cells at (600000, 1600000) with NDVI 0.6 everywhere (red 0.1, NIR 0.4).
    static func tinyRaster(
        _ folder: TemporaryFolder, epsg: Int = 32647,
        transform: GeoTransform = GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10)
    ) throws -> String {
        try RasterFixture.write(
            folder.file("tiny.tif"), width: 10, height: 10, type: .float32,
            bands: [[Double](repeating: 0.1, count: 100), [Double](repeating: 0.4, count: 100)],
            epsg: epsg, transform: transform)
    }

    static func run(_ raster: String, _ parcels: String, idField: String? = "id") throws -> EstimateReport {
        try EstimateJob.run(
            EstimateRequest(
                inputs: .stacked(path: raster, red: .index(1), nir: .index(2), scaling: .identity),
                parcels: ParcelSource(path: parcels, idField: idField),
                model: try BiomassModel(parsing: "linear:0,100")))
    }

    @Test func parcelsLargerThanOrOutsideTheRasterKeepTheirRow() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let raster = try Self.tinyRaster(folder)
        let x0 = 600_000.0, y0 = 1_600_000.0
        let parcels = try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:32647",
            features: [
                .init(
                    properties: [("id", "\"big\"")],
                    polygons: [[VectorFixture.rect(x0 - 50, y0 - 150, x0 + 150, y0 + 50)]]),
                .init(
                    properties: [("id", "\"outside\"")],
                    polygons: [[VectorFixture.rect(x0 + 500, y0, x0 + 600, y0 + 100)]]),
                .init(
                    properties: [("id", "\"half-cell\"")],
                    polygons: [[VectorFixture.rect(x0 + 5, y0 - 15, x0 + 25, y0 - 5)]])
            ])
        let rows = try Self.run(raster, parcels).rows
        #expect(rows.map(\.parcelID) == ["big", "outside", "half-cell"])
        #expect(abs(rows[0].parcelHa - 4) < 1e-12 && abs(rows[0].coveredHa - 1) < 1e-12)
        #expect(abs(rows[0].unobservedFraction! - 0.75) < 1e-12)
        #expect(abs(rows[0].agbT - 60) < 1e-9, "1 ha at 60 t/ha")
        #expect(rows[1].coveredHa == 0 && rows[1].observedHa == 0 && rows[1].meanNDVI == nil && rows[1].agbT == 0)
        #expect(rows[1].unobservedFraction == 1)
        #expect(
            abs(rows[2].coveredHa - 0.02) < 1e-15
                && abs(rows[2].meanNDVI! - Double(Float(0.4) - Float(0.1)) / Double(Float(0.4) + Float(0.1))) < 1e-7)
    }

    @Test func featuresSharingAnIdAreOneParcel() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let raster = try Self.tinyRaster(folder)
        let x0 = 600_000.0, y0 = 1_600_000.0
        let parcels = try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:32647",
            features: [
                .init(properties: [("id", "\"A\"")], polygons: [[VectorFixture.rect(x0, y0 - 20, x0 + 20, y0)]]),
                .init(
                    properties: [("id", "\"B\"")], polygons: [[VectorFixture.rect(x0 + 50, y0 - 50, x0 + 60, y0 - 40)]]),
                .init(
                    properties: [("id", "\"A\"")], polygons: [[VectorFixture.rect(x0 + 70, y0 - 90, x0 + 95, y0 - 70)]])
            ])
        let report = try Self.run(raster, parcels)
        #expect(report.rows.map(\.parcelID) == ["A", "B"])
        #expect(abs(report.rows[0].parcelHa - 0.09) < 1e-12)
        #expect(report.rows[0].notes.contains { $0.contains("2 features share this id") })
        #expect(report.metadata.featureCount == 3 && report.metadata.parcelCount == 2)
    }

    @Test func invalidAndEmptyGeometriesAreReportedPerParcel() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let raster = try Self.tinyRaster(folder)
        let x0 = 600_000.0, y0 = 1_600_000.0
        // A bow-tie: two triangles of 20 m × 10 m each (200 m²... 2 × ½ × 20 × 10 = 200 m²).
        let bowtie: [(Double, Double)] = [(x0, y0 - 20), (x0 + 20, y0), (x0 + 20, y0 - 20), (x0, y0), (x0, y0 - 20)]
        let parcels = try VectorFixture.geojson(
            folder.file("p.geojson"), crs: "EPSG:32647",
            features: [
                .init(properties: [("id", "\"bowtie\"")], polygons: [[bowtie]]),
                .init(properties: [("id", "\"empty\"")], polygons: nil)
            ])
        let rows = try Self.run(raster, parcels).rows
        #expect(rows.count == 2)
        #expect(rows[0].notes.contains { $0.contains("repaired") })
        #expect(abs(rows[0].parcelHa - 0.02) < 1e-12)
        #expect(abs(rows[0].coveredHa - 0.02) < 1e-12)
        #expect(rows[1].notes.contains { $0.contains("empty geometry") })
        #expect(rows[1].parcelHa == 0 && rows[1].unobservedFraction == nil)
    }

    @Test func geographicGridUsesEllipsoidalAreas() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 10 × 10 cells of 0.01° from (100 E, 14 N) southwards.
        let raster = try Self.tinyRaster(
            folder, epsg: 4326,
            transform: GeoTransform(originX: 100, originY: 14, cellWidth: 0.01, cellHeight: 0.01))
        let parcels = try VectorFixture.geojson(
            folder.file("p.geojson"), crs: nil,
            features: [
                .init(properties: [("id", "\"box\"")], polygons: [[VectorFixture.rect(100.02, 13.93, 100.07, 13.98)]])
            ])
        let row = try Self.run(raster, parcels).rows[0]
        // Independent: ∫∫ a²(1−e²)cosφ/(1−e²sin²φ)² dφ dλ by Simpson's rule.
        let a = 6_378_137.0, f = 1 / 298.257223563, e2 = f * (2 - f)
        func density(_ phi: Double) -> Double { a * a * (1 - e2) * cos(phi) / pow(1 - e2 * sin(phi) * sin(phi), 2) }
        let p0 = 13.93 * .pi / 180, p1 = 13.98 * .pi / 180, n = 2000
        let h = (p1 - p0) / Double(n)
        var s = density(p0) + density(p1)
        for k in 1..<n { s += density(p0 + Double(k) * h) * (k % 2 == 1 ? 4 : 2) }
        let expected = s * h / 3 * (0.05 * .pi / 180) / 10_000
        #expect(abs(row.parcelHa - expected) <= 1e-9 * expected, "\(row.parcelHa) vs \(expected)")
        #expect(abs(row.coveredHa - expected) <= 1e-9 * expected)
        #expect(abs(row.parcelHa - 2989) < 1, "about 5.40 km × 5.53 km")
    }
}
