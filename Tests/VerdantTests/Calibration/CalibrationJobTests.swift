import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// Plots synthesised on the sample scene from a known model recover it through exact-coverage extraction.
@Suite struct CalibrationJobTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")

    /// 30 plots of 15 m radius at fixed points of the scene (EPSG:4326 centres).
    static func plotsCSV(_ folder: TemporaryFolder, agb: (String, Double) -> Double) throws -> String {
        let utm = try SpatialReference(epsg: 32647), wgs = try SpatialReference(epsg: 4326)
        let ct = try CoordinateTransformation(from: utm, to: wgs)
        var lines = ["plot_id,lon,lat,radius_m,agb_t_ha,date"]
        var state: UInt64 = 11
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1; return Double(state >> 11) / Double(1 << 53)
        }
        for i in 0..<30 {
            let p = try ct.transform(x: 600_300 + next() * 3_400, y: 1_599_700 - next() * 2_400)
            let id = String(format: "PL%02d", i)
            lines.append("\(id),\(p.x),\(p.y),15,\(agb(id, 0)),2024-01-\(String(format: "%02d", i % 28 + 1))")
        }
        let path = folder.file("plots.csv")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func inputs() -> RasterInputs {
        .stacked(
            path: stack, red: .description("B04"), nir: .description("B08"),
            scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1))
    }

    @Test func recoversAKnownExponentialModel() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // First the plots' mean NDVI (through the same extraction), then AGB = 20·e^(2.5·NDVI) with ±3 % noise.
        let template = try Self.plotsCSV(folder) { _, _ in 1 }
        let scratch = ScratchFolder()
        let parcels = try PlotSource(path: template).parcels(into: scratch.path)
        let ndvi = try EstimateJob.run(
            EstimateRequest(
                inputs: Self.inputs(), parcels: ParcelSource(path: parcels.path, idField: "plot_id"),
                model: try BiomassModel(parsing: "linear:0,1")))
        let x = Dictionary(uniqueKeysWithValues: ndvi.rows.map { ($0.parcelID, $0.meanNDVI ?? 0) })
        var state: UInt64 = 5
        let plots = try Self.plotsCSV(folder) { id, _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1
            let noise = (Double(state >> 11) / Double(1 << 53) - 0.5) * 0.06
            return 20 * exp(2.5 * x[id]!) * (1 + noise)
        }
        let result = try CalibrationJob.run(
            CalibrationRequest(inputs: Self.inputs(), plots: PlotSource(path: plots), sensor: nil))
        #expect(result.samples.count == 30 && result.excluded.isEmpty)
        #expect(result.chosen.form == .exp)
        #expect(abs(result.chosen.a - 20) < 4 * result.chosen.seA + 0.5)
        #expect(abs(result.chosen.b - 2.5) < 4 * result.chosen.seB + 0.05)
        #expect(result.chosen.rSquared > 0.95)
        let file = result.modelFile
        #expect(file.plotCount == 30 && file.dateRange == ["2024-01-01", "2024-01-28"])
        // The mean plot area from the plot polygons: π r², within the UTM scale factor (< 0.1 %).
        #expect(abs(file.plotAreaHa! / (Double.pi * 225 / 10_000) - 1) < 1e-3)
        #expect(file.covariance != nil && file.residualSD != nil && file.source.contains("30 plots"))
        // The file round-trips into a model with its uncertainty.
        let path = folder.file("model.json")
        try file.json().write(toFile: path, atomically: true, encoding: .utf8)
        let model = try ModelFile.read(path).model
        #expect(model.form == .exp && model.uncertainty?.plotAreaHa == file.plotAreaHa)
    }

    @Test func polygonPlotsInAnyVectorFormat() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // 8 square plots of 30 m in the scene's CRS, AGB = 300·NDVI (linear) from their extracted NDVI.
        var features: [VectorFixture.Feature] = []
        for i in 0..<8 {
            let x = 600_500 + Double(i) * 400, y = 1_599_500 - Double(i % 3) * 700
            features.append(
                .init(
                    properties: [("plot", "\"Q\(i)\""), ("agb", "0")],
                    polygons: [[VectorFixture.rect(x, y - 30, x + 30, y)]]))
        }
        let template = try VectorFixture.geojson(folder.file("t.geojson"), crs: "EPSG:32647", features: features)
        let ndvi = try EstimateJob.run(
            EstimateRequest(
                inputs: Self.inputs(), parcels: ParcelSource(path: template, idField: "plot"),
                model: try BiomassModel(parsing: "linear:0,1")))
        for (k, row) in ndvi.rows.enumerated() {
            features[k].properties[1] = ("agb", "\(300 * row.meanNDVI! + Double(k % 2))")
        }
        let plots = try VectorFixture.geojson(folder.file("plots.geojson"), crs: "EPSG:32647", features: features)
        let gpkg = try VectorFixture.convert(plots, to: folder.file("plots.gpkg"), driver: "GPKG")
        var source = PlotSource(path: gpkg)
        source.idColumn = "plot"
        source.agbColumn = "agb"
        let result = try CalibrationJob.run(CalibrationRequest(inputs: Self.inputs(), plots: source, form: .linear))
        #expect(result.samples.count == 8 && result.chosen.form == .linear)
        #expect(abs(result.chosen.b - 300) < 10 && result.chosen.rSquared > 0.99)
        #expect(abs(result.modelFile.plotAreaHa! - 0.09) < 1e-9)
    }

    @Test func badPlotFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "plot_id,lon,lat,radius_m\nA,99.9,14.4,10\n".write(
            toFile: folder.file("nocol.csv"), atomically: true, encoding: .utf8)
        do {
            _ = try CalibrationJob.run(
                CalibrationRequest(inputs: Self.inputs(), plots: PlotSource(path: folder.file("nocol.csv"))))
            Issue.record("a missing column was accepted")
        } catch let e as VerdantError {
            #expect(
                e.description.contains("nocol.csv") && e.description.contains("no column 'agb_t_ha'")
                    && e.description.contains("agbColumn"))
        }
        let few = try Self.plotsCSV(folder) { _, _ in 100 }
        let five = try String(contentsOfFile: few, encoding: .utf8).split(separator: "\n").prefix(6).joined(
            separator: "\n")
        try five.write(toFile: folder.file("few.csv"), atomically: true, encoding: .utf8)
        do {
            _ = try CalibrationJob.run(
                CalibrationRequest(inputs: Self.inputs(), plots: PlotSource(path: folder.file("few.csv"))))
            Issue.record("five plots were accepted")
        } catch let e as VerdantError {
            #expect(e.description.contains("too few plots") && e.description.contains("few.csv"))
        }
        try "plot_id,lon,lat,radius_m,agb_t_ha\nA,999,14.4,10,5\n".write(
            toFile: folder.file("bad.csv"), atomically: true, encoding: .utf8)
        #expect(throws: VerdantError.self) {
            try CalibrationJob.run(
                CalibrationRequest(inputs: Self.inputs(), plots: PlotSource(path: folder.file("bad.csv"))))
        }
    }

    @Test func csvQuotingIsRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "id,name\r\n1,\"a, \"\"quoted\"\" name\"\r\n2,plain\r\n".write(
            toFile: folder.file("q.csv"), atomically: true, encoding: .utf8)
        let t = try CSVTable(path: folder.file("q.csv"))
        #expect(t.header == ["id", "name"] && t.rows == [["1", "a, \"quoted\" name"], ["2", "plain"]])
    }
}
