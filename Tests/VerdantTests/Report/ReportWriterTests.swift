import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

@Suite struct ReportWriterTests {
    static func report() throws -> EstimateReport {
        try EstimateJob.run(
            EstimateRequest(
                inputs: .stacked(
                    path: ProjectRoot.sample("sentinel2_l2a_stack.tif"), red: .description("B04"),
                    nir: .description("B08"),
                    scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1)),
                parcels: ParcelSource(path: ProjectRoot.sample("sentinel2_parcels.geojson"), idField: "parcel_id"),
                model: try BiomassModel(parsing: "linear:-30,250", source: "test model")))
    }

    static let header =
        "parcel_id,land_use,parcel_ha,covered_ha,observed_ha,unobserved_fraction,mean_ndvi,agb_t,agb_t_per_ha,carbon_t,co2e_t,cloud_fraction,nodata_fraction,masked_fraction,agb_t_filled,co2e_t_filled,low_observed,factor_class,root_shoot,carbon_fraction,agb_t_lo90,agb_t_hi90,co2e_t_lo90,co2e_t_hi90,uncertainty_pct,green_ha,green_fraction,notes"

    @Test func csvColumnsAndValues() throws {
        let r = try Self.report()
        let lines = CSVReport.text(r).split(separator: "\n").map(String.init)
        #expect(lines[0] == Self.header)
        #expect(lines.count == 10)
        let p01 = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(p01[0] == "P01" && p01[1] == "forest")
        #expect(Double(p01[7]) == r.rows[0].agbT, "full precision")
    }

    @Test func csvQuoting() {
        #expect(CSVReport.quote("a,b") == "\"a,b\"")
        #expect(CSVReport.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReport.quote("plain") == "plain")
    }

    @Test func jsonHasParcelsTotalsAndRunMetadata() throws {
        let r = try Self.report()
        let text = try JSONReport.value(r).text()
        let o = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        #expect((o["disclaimer"] as? String)?.contains("not issued") == true)
        #expect((o["parcels"] as? [[String: Any]])?.count == 9)
        let totals = o["totals"] as! [String: Any]
        #expect(abs((totals["agb_t"] as! Double) - r.rows.map(\.agbT).reduce(0, +)) < 1e-6)
        let run = o["run"] as! [String: Any]
        let model = run["model"] as! [String: Any]
        #expect(model["source"] as? String == "test model")
        let raster = run["raster"] as! [String: Any]
        #expect(raster["width"] as? Int == 400 && raster["crs_code"] as? String == "EPSG:32647")
        let versions = run["versions"] as! [String: Any]
        #expect(versions["gdal"] as? String == GDAL.version)
        let params = run["parameters"] as! [String: Any]
        #expect(params["carbon_fraction"] as? Double == 0.47 && params["root_shoot"] as? Double == 0)
        #expect(run["started_at"] is String)
        #expect((o["columns"] as? [String])?.joined(separator: ",") == Self.header)
    }

    @Test(arguments: ["geojson", "gpkg"])
    func vectorOutputsKeepTheParcelsCRSAndColumns(ext: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let r = try Self.report()
        let path = folder.file("out.\(ext)")
        try ReportWriter.write(r, to: path, inputs: [])
        #expect(folder.contents() == ["out.\(ext)"])
        let ds = try VectorDataset.open(path)
        let layer = try ds.layer(at: 0)
        #expect(layer.fields.map(\.name).joined(separator: ",") == Self.header)
        #expect(layer.spatialReference?.isGeographic == true)
        let features = try layer.features()
        #expect(features.count == 9)
        let agbIndex = layer.fields.firstIndex { $0.name == "agb_t" }!
        #expect(features[0].value(at: agbIndex) == .real(r.rows[0].agbT))
        #expect(features[0].geometry()?.isEmpty == false)
    }

    @Test func formatFollowsTheExtension() throws {
        #expect(try ReportFormat(path: "a.CSV") == .csv)
        #expect(try ReportFormat(path: "-") == .csv)
        #expect(try ReportFormat(path: "x/y.gpkg") == .gpkg)
        #expect(throws: VerdantError.self) { try ReportFormat(path: "out.xlsx") }
        #expect(throws: VerdantError.self) { try ReportFormat(path: "out") }
    }
}
