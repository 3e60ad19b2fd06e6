import Foundation
import GDALKit
import TestSupport

/// The input files the help's examples name, made once in one folder from sample-rasters/ (and, for the Landsat
/// TM classification, the real scene): the explicit table from an example's file names to what they hold.
final class ExampleFixtures: Sendable {
    let folder: TemporaryFolder

    /// Example file names that are sample files as they are (or a fixture made below, by its own name).
    static let samples: [String: String] = [
        "S2.tif": "sentinel2_l2a_stack.tif", "T47PQR.tif": "sentinel2_l2a_stack.tif",
        "2020.tif": "sentinel2_l2a_stack.tif", "2024.tif": "sentinel2_l2a_stack.tif",
        "a.tif": "sentinel2_l2a_stack.tif", "b.tif": "sentinel2_l2a_stack.tif",
        "B04.tif": "sentinel2_l2a_B04.tif", "B08.tif": "sentinel2_l2a_B08.tif",
        "SCL_20m.tif": "sentinel2_l2a_SCL_20m.tif", "SCL.tif": "sentinel2_l2a_SCL_20m.tif",
        "2020_SCL.tif": "sentinel2_l2a_SCL_20m.tif", "2024_SCL.tif": "sentinel2_l2a_SCL_20m.tif",
        "parcels.geojson": "sentinel2_parcels.geojson", "plots.geojson": "sentinel2_parcels.geojson",
        "concession.geojson": "sentinel2_parcels.geojson",
        "drone.tif": "drone_multispectral.tif"
    ]

    /// Fixtures made by `init` (beside the samples above): what each stands for.
    static let made: [String: String] = [
        "p.geojson": "the Sentinel-2 parcels with a field role: control for P06 and P07, project for the others",
        "farms.gpkg": "the Sentinel-2 parcels as a GeoPackage layer 'plots'",
        "plots.gpkg": "the Sentinel-2 parcels as a GeoPackage (calibrate: 8 drone plots with tree_plot, agb)",
        "dates.csv": "two dates of the Sentinel-2 stack and its SCL",
        "items.json": "a STAC ItemCollection of five Sentinel-2 dates (2022-01 to 2024-02) of the B04, B08, SCL files",
        "item.json": "a STAC item of a Landsat 8 C2 L2 scene (SR_B2, SR_B4, SR_B5 as DN)",
        "modis.csv": "two dates of a MODIS-like NDVI product (Int16 NDVI × 10000, 250 m)",
        "plots.csv": "9 field plots (lon, lat, radius 20 m, AGB) over the Sentinel-2 scene",
        "model.json": "a model calibrated by `verdant calibrate` on plots.csv",
        "points.csv": "24 training points (x, y in the scene's CRS, class) over the Sentinel-2 scene",
        "classes.tif": "a land-cover map on the Sentinel-2 grid (Byte classes 1 to 3)",
        "S2B_MSIL2A_20240105T033109_N0510_R018_T47PQR.SAFE":
            "a Sentinel-2 L2A product folder of the B04, B08 and SCL samples with its MTD_MSIL2A.xml",
        "my-sensors.yaml": "a user preset file",
        "L5.tif": "the real Landsat 5 TM scene", "L5-1990.tif": "the real Landsat 5 TM scene",
        "polygons.gpkg": "the real scene's training polygons", "forest.json": "a forest trained on them"
    ]

    /// Example files that are the real Landsat scene (../shared/real-data/), absent on machines without it.
    static let realData: Set<String> = ["L5.tif", "L5-1990.tif", "polygons.gpkg", "forest.json"]

    init() throws {
        folder = try TemporaryFolder()
        let f = folder
        let fm = FileManager.default
        for (name, sample) in Self.samples {
            try fm.copyItem(atPath: ProjectRoot.sample(sample), toPath: f.file(name))
        }
        let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")
        var roles = try String(contentsOfFile: parcels, encoding: .utf8)
        for id in ["P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09"] {
            let role = id == "P06" || id == "P07" ? "control" : "project"
            roles = roles.replacingOccurrences(
                of: "\"parcel_id\": \"\(id)\"", with: "\"parcel_id\": \"\(id)\", \"role\": \"\(role)\"")
        }
        guard roles.contains("\"role\": \"control\"") else { throw FixtureError(text: "p.geojson: no parcel_id found") }
        try roles.write(toFile: f.file("p.geojson"), atomically: true, encoding: .utf8)
        try VectorFixture.convert(parcels, to: f.file("farms.gpkg"), driver: "GPKG", layerNames: ["plots"])
        try VectorFixture.convert(parcels, to: f.file("plots.gpkg"), driver: "GPKG")
        // Calibration plots on the drone mosaic (601234 to 601254 E, 1598750 to 1598765 N): 8 squares of 2 m.
        try fm.createDirectory(atPath: f.file("calibrate"), withIntermediateDirectories: true)
        let drone = try VectorFixture.geojson(
            f.file("calibrate/plots.geojson"), crs: "EPSG:32647",
            features: (0..<8).map { i in
                let x = 601_236 + Double(i % 4) * 4.5, y = 1_598_752 + Double(i / 4) * 6
                return VectorFixture.Feature(
                    properties: [("tree_plot", "\"T\(i + 1)\""), ("agb", "\(40 + 15 * i)")],
                    polygons: [[VectorFixture.rect(x, y, x + 2, y + 2)]])
            })
        try VectorFixture.convert(drone, to: f.file("calibrate/plots.gpkg"), driver: "GPKG")
        try "date,raster,scl\n2024-01-05,S2.tif,SCL.tif\n2024-02-04,S2.tif,SCL.tif\n".write(
            toFile: f.file("dates.csv"), atomically: true, encoding: .utf8)
        try Self.items(f)
        try Self.landsatItem(f)
        try Self.modis(f)
        try Self.plotsCSV(f, parcels: parcels)
        try Self.points(f)
        try RasterFixture.write(
            f.file("classes.tif"), width: 40, height: 30, type: .byte,
            bands: [(0..<1200).map { Double(1 + ($0 % 40) / 14) }],
            transform: GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 100, cellHeight: 100))
        try Self.safe(f)
        try """
        presets:
          - name: my-camera
            title: A camera of ours
            bands: {red: ["R"], nir: ["N"]}
            scale: 0.001
            offset: 0
            sources: {bands: "our lab sheet", scaling: "our lab sheet"}
        """.write(toFile: f.file("my-sensors.yaml"), atomically: true, encoding: .utf8)
        let model = try VerdantBinary.run(
            [
                "calibrate", "--sensor", "sentinel2-l2a", "--raster", "S2.tif", "--band", "scl=SCL.tif", "--plots",
                "plots.csv", "--out", "model.json", "-q"
            ], in: f.path)
        guard model.status == 0 else { throw FixtureError(text: "calibrate for model.json: \(model.stderr)") }
        if RealData.isPresent {
            let folder = "landsat5_rstoolbox/"
            let scene = try RealData.require(folder + "LT52240631988227CUB02_stack_B1-B7.tif")
            try fm.copyItem(atPath: scene, toPath: f.file("L5.tif"))
            try fm.copyItem(atPath: scene, toPath: f.file("L5-1990.tif"))
            try fm.copyItem(
                atPath: try RealData.require(folder + "trainingPolygons_lsat.gpkg"), toPath: f.file("polygons.gpkg"))
            let forest = try VerdantBinary.run(
                [
                    "classify", "--raster", "L5.tif", "--sensor", "landsat-tm-c2-l2", "--scale", "1", "--training",
                    "polygons.gpkg", "--class-field", "class", "--trees", "10", "--folds", "0", "--out",
                    "forest-classes.tif", "--model-out", "forest.json", "-q"
                ], in: f.path)
            guard forest.status == 0 else { throw FixtureError(text: "classify for forest.json: \(forest.stderr)") }
        }
    }

    /// A fixture could not be made.
    struct FixtureError: Error, CustomStringConvertible {
        var text: String
        var description: String { text }
    }

    /// The fixture for `name` in an example of `command`: its path, nil when there is none.
    func path(_ name: String, command: String) -> String? {
        let own = folder.file("\(command)/\(name)")
        if FileManager.default.fileExists(atPath: own) { return own }
        let shared = folder.file(name)
        return FileManager.default.fileExists(atPath: shared) ? shared : nil
    }

    static func items(_ f: TemporaryFolder) throws {
        let dates = ["2022-01-15", "2022-06-15", "2023-01-15", "2024-01-15", "2024-02-15"]
        let features = dates.map { date in
            """
            {"type": "Feature", "stac_version": "1.0.0", "id": "S2_\(date)",
             "properties": {"datetime": "\(date)T03:31:09Z", "s2:processing_baseline": "05.09"}, "geometry": null,
             "assets": {"B04": {"href": "B04.tif"}, "B08": {"href": "B08.tif"}, "SCL": {"href": "SCL.tif"}}}
            """
        }
        try ("{\"type\": \"FeatureCollection\", \"features\": [\n" + features.joined(separator: ",\n") + "\n]}\n")
            .write(toFile: f.file("items.json"), atomically: true, encoding: .utf8)
    }

    static func landsatItem(_ f: TemporaryFolder) throws {
        // Landsat 8 C2 L2 DN: reflectance = DN × 0.0000275 − 0.2; 30 m cells over the Sentinel-2 scene.
        let width = 133, height = 100
        for (band, reflectance) in [("SR_B2", 0.03), ("SR_B4", 0.05), ("SR_B5", 0.35)] {
            let values = (0..<(width * height)).map { i in
                ((reflectance + 0.02 * Double(i % width) / Double(width)) + 0.2) / 0.0000275
            }
            try RasterFixture.write(
                f.file("landsat_\(band).tif"), width: width, height: height, type: .uInt16,
                bands: [values.map { $0.rounded() }],
                noData: 0, transform: GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 30, cellHeight: 30))
        }
        try """
        {"type": "Feature", "stac_version": "1.0.0", "id": "LC09_L2SP_129050_20240110",
         "properties": {"datetime": "2024-01-10T03:40:00Z"}, "geometry": null,
         "assets": {"SR_B2": {"href": "landsat_SR_B2.tif"}, "SR_B4": {"href": "landsat_SR_B4.tif"},
                    "SR_B5": {"href": "landsat_SR_B5.tif"}}}
        """.write(toFile: f.file("item.json"), atomically: true, encoding: .utf8)
    }

    static func modis(_ f: TemporaryFolder) throws {
        var csv = "date,ndvi\n"
        for (d, date) in ["2024-01-01", "2024-01-17"].enumerated() {
            let values = (0..<(16 * 12)).map { i in Double(3000 + 200 * (i % 16) + 100 * d) }
            try RasterFixture.write(
                f.file("modis_\(d).tif"), width: 16, height: 12, type: .int16, bands: [values], noData: -3000,
                transform: GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 250, cellHeight: 250))
            csv += "\(date),modis_\(d).tif\n"
        }
        try csv.write(toFile: f.file("modis.csv"), atomically: true, encoding: .utf8)
    }

    /// Plots at the parcels' vertices' mean (lon, lat) of each parcel, with made-up AGB.
    static func plotsCSV(_ f: TemporaryFolder, parcels: String) throws {
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: parcels))) as! [String: Any]
        let features = json["features"] as! [[String: Any]]
        var lons: [Double] = [], lats: [Double] = []
        for feature in features {
            let text = "\((feature["geometry"] as! [String: Any])["coordinates"]!)"
            let numbers = text.split(whereSeparator: { !"0123456789.-".contains($0) }).compactMap { Double($0) }
            for k in stride(from: 0, to: numbers.count - 1, by: 2) {
                lons.append(numbers[k])
                lats.append(numbers[k + 1])
            }
        }
        let (lon0, lon1) = (lons.min()!, lons.max()!), (lat0, lat1) = (lats.min()!, lats.max()!)
        var csv = "plot_id,lon,lat,radius_m,agb_t_ha\n"
        var k = 0
        for i in 1...4 {
            for j in 1...3 {
                let lon = lon0 + (lon1 - lon0) * (0.15 + 0.7 * Double(i - 1) / 3)
                let lat = lat0 + (lat1 - lat0) * (0.2 + 0.6 * Double(j - 1) / 2)
                k += 1
                csv += "F\(k),\(lon),\(lat),20,\(30 + 11 * k)\n"
            }
        }
        try csv.write(toFile: f.file("plots.csv"), atomically: true, encoding: .utf8)
    }

    static func points(_ f: TemporaryFolder) throws {
        var csv = "class,x,y\n"
        for i in 0..<24 {
            // Cells observed on both dates (clear of the cloud, its shadow and the nodata wedge).
            let x = 600_500 + Double(i % 6) * 500, y = 1_599_500 - Double(i / 6) * 300
            csv += "\(i % 6 < 3 ? "west" : "east"),\(x),\(y)\n"
        }
        try csv.write(toFile: f.file("points.csv"), atomically: true, encoding: .utf8)
    }

    /// Writes the Sentinel-2 product folder of the examples into `f`.
    static func safe(_ f: TemporaryFolder) throws {
        let safe = f.file("S2B_MSIL2A_20240105T033109_N0510_R018_T47PQR.SAFE")
        let granule = safe + "/GRANULE/L2A_T47PQR/IMG_DATA"
        let fm = FileManager.default
        try fm.createDirectory(atPath: granule + "/R10m", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: granule + "/R20m", withIntermediateDirectories: true)
        for (sample, name) in [
            ("sentinel2_l2a_B04.tif", "R10m/T47PQR_20240105T033109_B04_10m.tif"),
            ("sentinel2_l2a_B08.tif", "R10m/T47PQR_20240105T033109_B08_10m.tif"),
            ("sentinel2_l2a_SCL_20m.tif", "R20m/T47PQR_20240105T033109_SCL_20m.tif")
        ] {
            try fm.copyItem(atPath: ProjectRoot.sample(sample), toPath: granule + "/" + name)
        }
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <n1:Level-2A_User_Product><n1:General_Info><Product_Info><PROCESSING_BASELINE>05.10</PROCESSING_BASELINE></Product_Info>
        <Product_Image_Characteristics><BOA_ADD_OFFSET_VALUES_LIST><BOA_ADD_OFFSET band_id="0">-1000</BOA_ADD_OFFSET></BOA_ADD_OFFSET_VALUES_LIST>
        </Product_Image_Characteristics></n1:General_Info></n1:Level-2A_User_Product>
        """.write(toFile: safe + "/MTD_MSIL2A.xml", atomically: true, encoding: .utf8)
    }
}
