// A Swift program that runs an estimate with the Verdant library and reads the results; given an output folder,
// it also writes what `verdant estimate` writes (table, HTML report, Markdown summary, quicklook) in one call.
// Run it from the package root: swift run estimate-example [sample-rasters [OUTPUT-FOLDER]]
import Foundation
import Verdant

let arguments = CommandLine.arguments
let folder = arguments.count > 1 ? arguments[1] : "sample-rasters"
let outputFolder = arguments.count > 2 ? arguments[2] : nil
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
    request.factorChoice = try FactorChoice(factorSet: try FactorCatalog.load("tver"), factorClass: "general-trees")

    let report: EstimateReport
    var exitCode: Int32 = 0
    if let outputFolder {
        // The command-line tool's outputs, published together; a partial result is in the run, not thrown.
        let outputs = EstimateOutputs(
            table: "\(outputFolder)/parcels.csv", report: "\(outputFolder)/report.html",
            summary: "\(outputFolder)/summary.md", quicklook: "\(outputFolder)/quicklook.png")
        let run = try EstimateWorkflow.run(request, outputs: outputs)
        report = run.report
        exitCode = run.exitCode
        print("wrote \(run.outputs.joined(separator: ", "))")
    } else {
        report = try EstimateJob.run(request)
    }
    for row in report.rows {
        let cloud = (row.cloudFraction ?? 0) * 100
        print(
            "\(row.parcelID): \(String(format: "%.2f", row.observedHa)) ha observed, \(String(format: "%.1f", cloud)) % cloud, "
                + "\(String(format: "%.1f", row.co2eT)) tCO2e\(row.lowObserved ? " (low observed)" : "")")
    }
    print("total: \(String(format: "%.1f", report.totals.co2eT)) tCO2e — \(EstimateReport.disclaimer)")
    exit(exitCode)
} catch let error as VerdantError {
    // Errors say which parameter, file, band or parcel is wrong, by the library's names.
    switch error {
    case .invalidParameter(let parameter, _):
        FileHandle.standardError.write(Data("estimate-example: fix \(parameter.name): \(error)\n".utf8))
    default: FileHandle.standardError.write(Data("estimate-example: \(error)\n".utf8))
    }
    exit(error.exitCode)
} catch {
    FileHandle.standardError.write(Data("estimate-example: \(error)\n".utf8))
    exit(4)
}
