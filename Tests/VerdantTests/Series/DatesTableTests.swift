import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// The dates table: its columns, dates, mosaics and errors (each names the table, the row and the file).
@Suite struct DatesTableTests {
    static func setup() -> SensorSetup {
        var s = SensorSetup()
        s.scale = 1
        return s
    }

    static func raster(
        _ folder: TemporaryFolder, _ name: String, epsg: Int = 32647, originX: Double = 600_000
    )
        throws -> String
    {
        try RasterFixture.write(
            folder.file(name), width: 4, height: 4, type: .float32, bands: [[Double](repeating: 0.2, count: 16)],
            epsg: epsg,
            transform: GeoTransform(originX: originX, originY: 1_600_000, cellWidth: 10, cellHeight: 10))
    }

    static func error(_ csv: String, in folder: TemporaryFolder) -> String {
        let path = folder.file("dates.csv")
        try? csv.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            // Files are opened, and grids checked, when the dates are brought onto one grid (before any work).
            _ = try SeriesInputs.dates(path, setup: setup(), needing: [.red, .nir]).onCommonGrid(roles: { _ in
                [.red, .nir]
            })
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func readsDatesRolesAndMosaics() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for n in ["r1", "n1", "r2", "n2", "r3", "n3"] { _ = try Self.raster(folder, n + ".tif") }
        _ = try Self.raster(folder, "r2b.tif", originX: 600_040)
        _ = try Self.raster(folder, "n2b.tif", originX: 600_040)
        let csv = """
            date,red,nir
            2024-02-01,r2.tif,n2.tif
            2024-01-01,r1.tif,n1.tif
            2024-02-01,r2b.tif,n2b.tif
            2024-02-01T10:30:00Z,r3.tif,n3.tif

            """
        let path = folder.file("dates.csv")
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let series = try SeriesInputs.dates(path, setup: Self.setup(), needing: [.red, .nir])
        #expect(series.acquisitions.map(\.date.text) == ["2024-01-01", "2024-02-01", "2024-02-01T10:30:00Z"])
        // Rows with one date are one acquisition, its files mosaicked in row order.
        #expect(series.acquisitions[1].inputs.bands[.red]?.paths == [folder.file("r2.tif"), folder.file("r2b.tif")])
        #expect(series.acquisitions[1].origin == "rows 2, 4 (date 2024-02-01)")
        let (_, resolved, grid) = try series.onCommonGrid(roles: { _ in [.red, .nir] })
        #expect(resolved.count == 3)
        #expect(grid.width == 4)  // the finest grid, the earliest of equal ones: the first date's
    }

    @Test func refusesBadTables() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.raster(folder, "r.tif")
        _ = try Self.raster(folder, "n.tif")
        _ = try Self.raster(folder, "r47.tif", epsg: 32648)
        _ = try Self.raster(folder, "n47.tif", epsg: 32648)
        let unknown = Self.error("date,red,nir,colour\n2024-01-01,r.tif,n.tif,x\n", in: folder)
        #expect(unknown.contains("unknown column 'colour'"), "\(unknown)")
        let date = Self.error("date,red,nir\n2024-13-01,r.tif,n.tif\n", in: folder)
        #expect(date.contains("row 2: date '2024-13-01' is not an ISO 8601 date"), "\(date)")
        let missing = Self.error("date,red,nir\n2024-01-01,r.tif,n.tif\n2024-02-01,gone.tif,n.tif\n", in: folder)
        #expect(missing.contains("dates.csv: row 3 (date 2024-02-01)") && missing.contains("gone.tif: no such file"))
        let noDate = Self.error("when,red,nir\n2024-01-01,r.tif,n.tif\n", in: folder)
        #expect(noDate.contains("has no column 'date'"), "\(noDate)")
        let crs = Self.error("date,red,nir\n2024-01-01,r.tif,n.tif\n2024-01-01,r47.tif,n47.tif\n", in: folder)
        #expect(crs.contains("rows 2, 3 (date 2024-01-01)") && crs.contains("must share a CRS"), "\(crs)")
    }

    @Test func aDateOffTheGridIsAnErrorBeforeAnyWork() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try Self.raster(folder, "r.tif")
        _ = try Self.raster(folder, "n.tif")
        _ = try Self.raster(folder, "rfar.tif", originX: 700_000)
        _ = try Self.raster(folder, "nfar.tif", originX: 700_000)
        let path = folder.file("dates.csv")
        try "date,red,nir\n2024-01-01,r.tif,n.tif\n2024-02-01,rfar.tif,nfar.tif\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let series = try SeriesInputs.dates(path, setup: Self.setup(), needing: [.red, .nir])
        let error = #expect(throws: VerdantError.self) { try series.onCommonGrid(roles: { _ in [.red, .nir] }) }
        let text = error?.description ?? ""
        #expect(text.contains("row 3 (date 2024-02-01)") && text.contains("does not overlap"), "\(text)")
    }
}
