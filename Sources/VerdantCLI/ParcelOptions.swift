import ArgumentParser
import Verdant

/// Options that name the parcels: the file, its layer, the id field, a CRS to assume.
struct ParcelOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Parcel polygons: any vector GDAL reads (GeoJSON, GeoPackage, Shapefile, FlatGeobuf); - reads GeoJSON from standard input.",
            valueName: "FILE"), completion: .vectorFile)
    var parcels: String

    @Option(name: .long, help: ArgumentHelp("The layer of --parcels, when the file has several.", valueName: "L"))
    var layer: String?

    @Option(
        name: .customLong("id-field"),
        help: ArgumentHelp("The attribute holding the parcel id (default: the feature id).", valueName: "F"))
    var idField: String?

    @Option(
        name: .customLong("assume-parcels-crs"),
        help: ArgumentHelp("CRS to assume for parcels that have none, e.g. EPSG:4326.", valueName: "CRS"))
    var assumeParcelsCRS: String?

    /// The parcels these options name (`-`: standard input).
    func source() throws -> ParcelSource {
        ParcelSource(
            path: try StandardInput.path(parcels), layer: layer, idField: idField, assumedCRS: assumeParcelsCRS)
    }
}
