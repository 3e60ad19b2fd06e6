import Foundation
import GDALKit

/// A layer's default QGIS style stored in a GeoPackage, as QGIS stores it: a row of the `layer_styles` attribute
/// table (registered in `gpkg_contents` as an attributes table) naming the layer, with the style's QML and
/// `useAsDefault` set, so that QGIS applies it when the layer is opened.
enum GeoPackageStyle {
    /// The columns of `layer_styles`, in QGIS's order and with its types (`useAsDefault` a boolean; `update_time`
    /// as text, left empty so that two runs write the same table).
    static let fields: [FieldDefinition] = [
        .init(name: "f_table_catalog", type: .string), .init(name: "f_table_schema", type: .string),
        .init(name: "f_table_name", type: .string), .init(name: "f_geometry_column", type: .string),
        .init(name: "styleName", type: .string), .init(name: "styleQML", type: .string),
        .init(name: "styleSLD", type: .string), .boolean("useAsDefault"), .init(name: "description", type: .string),
        .init(name: "owner", type: .string), .init(name: "ui", type: .string),
        .init(name: "update_time", type: .string)
    ]

    /// Adds the `layer_styles` table to `dataset` (a GeoPackage being written) with one row: `qml` as the default
    /// style of `layer`, whose geometry column is `geometryColumn`.
    static func write(into dataset: VectorDataset, layer: String, geometryColumn: String, qml: String) throws {
        let table = try dataset.createLayer(
            name: "layer_styles", spatialReference: nil, options: ["DESCRIPTION=QGIS layer styles"],
            attributesOnly: true)
        for f in fields { try table.createField(f) }
        let values: [FieldValue] = [
            .string(""), .string(""), .string(layer), .string(geometryColumn), .string(layer), .string(qml),
            .string(""), .integer(1), .string("Verdant \(VerdantVersion.verdant): parcels outlined, labelled by id"),
            .string(""), .null, .null
        ]
        try table.addFeature(values: values, geometry: nil)
    }
}
