import GDALKit

extension ResolvedInputs {
    /// The geotransform and CRS of `dataset` (the file `path`, or a mosaic of it), checked before any work: a
    /// geotransform must be finite with cells of non-zero area, and the CRS (the file's, else `assumed`) must be a
    /// projected or geographic CRS PROJ knows, so that cell areas and parcel reprojection are defined.
    static func georeferencing(
        of dataset: Dataset, path: String, assumed: SpatialReference?
    ) throws -> (GeoTransform, SpatialReference) {
        guard let gt = dataset.geoTransform else {
            throw VerdantError.input(file: path, problem: "has no geotransform, so cell areas are unknown")
        }
        try check(gt, path: path)
        let (own, messages) = dataset.spatialReferenceWithMessages()
        guard let crs = own ?? assumed else {
            throw VerdantError.input(
                file: path, problem: "has no CRS; give one with \(param: .assumedCRS) (e.g. EPSG:32647)")
        }
        guard crs.isProjected || crs.isGeographic else {
            let said = GDALError.summary(messages)
            throw VerdantError.input(
                file: path,
                problem:
                    "has a CRS that is neither projected nor geographic ('\(crs.name)'), so cell areas and parcel positions are unknown\(said.isEmpty ? "" : " (GDAL: \(said))"); an EPSG code PROJ does not know reads this way: set a known CRS with gdal_edit -a_srs EPSG:n"
            )
        }
        return (gt, crs)
    }

    /// Throws unless every coefficient of `gt` is finite and its cells have a non-zero, finite area.
    static func check(_ gt: GeoTransform, path: String) throws {
        guard gt.coefficients.allSatisfy(\.isFinite) else {
            throw VerdantError.input(
                file: path,
                problem: "has a geotransform that is not finite (\(gt)), so cell sizes and positions are unknown")
        }
        guard gt.cellArea > 0, gt.cellArea.isFinite else {
            throw VerdantError.input(
                file: path,
                problem:
                    "has a geotransform whose cells have \(gt.cellArea == 0 ? "zero" : "no finite") area (\(gt)), so cell areas are unknown"
            )
        }
    }
}
