import Foundation
import GDALKit

/// Writes the per-parcel table with each parcel's geometry in the parcels' own CRS, as GeoJSON or GeoPackage (with
/// QGIS's default style of the layer in its `layer_styles` table).
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
        let columns = ReportColumns.fields(
            attributes: report.attributeFields, index: index, classes: report.classColumns)
        for c in columns { try layer.createField(c) }
        // QGIS's default style of the layer: parcels outlined, labelled by id.
        if format == .gpkg {
            try GeoPackageStyle.write(
                into: dataset, layer: "parcels", geometryColumn: "geometry",
                qml: QGISStyle.parcels(idField: ReportColumns.parcelID))
        }
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
