import ArgumentParser
import Verdant

/// What the shell completes for the path and value options (`--generate-completion-script bash|zsh|fish`):
/// file names by the extensions each option reads or writes, and the names of the sensor presets.
extension CompletionKind {
    /// Rasters GDAL reads (a zipped Sentinel-2 product too).
    static var rasterFile: CompletionKind { .file(extensions: ["tif", "tiff", "vrt", "jp2", "zip"]) }

    /// Vector files of parcels, plots or training polygons.
    static var vectorFile: CompletionKind { .file(extensions: ["geojson", "json", "gpkg", "shp", "fgb", "zip"]) }

    /// Vectors or a CSV of points (field plots, training or validation points).
    static var vectorOrCSVFile: CompletionKind {
        .file(extensions: ["geojson", "json", "gpkg", "shp", "fgb", "zip", "csv"])
    }

    /// A product folder or a zipped one.
    static var sceneFile: CompletionKind { .file(extensions: ["zip", "SAFE"]) }

    /// Cloud-Optimized GeoTIFF outputs.
    static var geoTIFFFile: CompletionKind { .file(extensions: ["tif", "tiff"]) }

    /// JSON files (STAC items, models, accuracy).
    static var jsonFile: CompletionKind { .file(extensions: ["json"]) }

    /// CSV tables (dates).
    static var csvFile: CompletionKind { .file(extensions: ["csv"]) }

    /// Preset and factor files.
    static var jsonOrYAMLFile: CompletionKind { .file(extensions: ["json", "yaml", "yml"]) }

    /// Job files.
    static var yamlFile: CompletionKind { .file(extensions: ["yaml", "yml"]) }

    /// The built-in sensor presets.
    static var sensorPreset: CompletionKind {
        .list((try? PresetCatalog.load(userFiles: []))?.presets.map(\.name) ?? [])
    }

    /// Files of the extensions `extensions` (outputs by their formats).
    static func files(_ extensions: String...) -> CompletionKind { .file(extensions: extensions) }
}
