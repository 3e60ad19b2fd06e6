// A Swift program that runs an estimate with the Verdant library and reads the results.
// Run it from the package root: swift run estimate-example [sample-rasters]
import Foundation
import Verdant

let folder = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "sample-rasters"
do {
    // Sentinel-2 L2A bands by their names, the +1000 DN offset from the file's metadata, the SCL cloud mask.
    var setup = SensorSetup(preset: try PresetCatalog.builtIn().preset(named: "sentinel2-l2a"))
    setup.rasters = ["\(folder)/sentinel2_l2a_stack.tif"]
    setup.assignments = [try BandAssignment(parsing: "scl=\(folder)/sentinel2_l2a_SCL_20m.tif")]
    let (inputs, masks) = try setup.resolve(needing: [.red, .nir])

    var request = EstimateRequest(
        inputs: inputs,
        parcels: ParcelSource(path: "\(folder)/sentinel2_parcels.geojson", idField: "parcel_id"),
        model: try BiomassModel(parsing: "linear:-30,250", source: "illustrative coefficients for this example"),
        masks: masks)
    request.factorSet = try FactorCatalog.load("tver")
    request.factorClass = "general-trees"

    let report = try EstimateJob.run(request)
    for row in report.rows {
        let cloud = (row.cloudFraction ?? 0) * 100
        print("\(row.parcelID): \(String(format: "%.2f", row.observedHa)) ha observed, \(String(format: "%.1f", cloud)) % cloud, "
              + "\(String(format: "%.1f", row.co2eT)) tCO2e\(row.lowObserved ? " (low observed)" : "")")
    }
    print("total: \(String(format: "%.1f", report.totals.co2eT)) tCO2e — \(EstimateReport.disclaimer)")
} catch {
    FileHandle.standardError.write(Data("estimate-example: \(error)\n".utf8))
    exit(2)
}
