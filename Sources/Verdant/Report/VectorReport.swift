import Foundation
import GDALKit

/// Writes the per-parcel table with each parcel's geometry in the parcels' own CRS, as GeoJSON or GeoPackage.
public enum VectorReport {
    /// Writes `report` to `path` (a temporary path; the caller renames it into place).
    public static func write(_ report: EstimateReport, to path: String, format: ReportFormat) throws {
        let driver = format == .gpkg ? "GPKG" : "GeoJSON"
        let crs = try SpatialReference(userInput: report.parcels.crsWKT)
        let dataset = try VectorDataset.create(path, driverName: driver)
        let layerOptions =
            format == .gpkg
            ? ["DESCRIPTION=\(report.layerDescription)", "GEOMETRY_NAME=geometry"]
            : ["DESCRIPTION=\(report.layerDescription)", "WRITE_NAME=YES", "COORDINATE_PRECISION=9"]
        let layer = try dataset.createLayer(name: "parcels", spatialReference: crs, options: layerOptions)
        let index = report.metadata.model.index.name
        var columns = [FieldDefinition(name: ReportColumns.parcelID, type: .string)] + report.attributeFields
        columns += ReportColumns.figureColumns(index: index, classes: report.classColumns).map {
            FieldDefinition(name: $0, type: $0 == "low_observed" ? .integer : ($0 == "factor_class" ? .string : .real))
        }
        columns.append(FieldDefinition(name: ReportColumns.notes, type: .string))
        for c in columns { try layer.createField(c) }
        try dataset.inTransaction {
            for (row, parcel) in zip(report.rows, report.parcels.parcels) {
                let values = ReportColumns.fieldValues(
                    row, attributeIndices: report.attributeIndices, index: index, classes: report.classColumns)
                let geometry = parcel.sourceWKB.isEmpty ? nil : try Geometry(wkb: parcel.sourceWKB).multiPolygon()
                try layer.addFeature(values: values, geometry: geometry)
            }
        }
        try dataset.close()
    }
}
