import Foundation

/// A dates table (`--dates FILE.csv`): one row per acquisition, a `date` column (ISO 8601 date or date-time) and
/// one column per role holding a path relative to the table — `raster` for a stacked file whose bands `--red`,
/// `--nir` or `--sensor` choose, or a role (`red`, `nir`, `blue`, …, `scl`, `qa`, `mask`, or an index such as
/// `ndvi`). Rows with the same date are one acquisition whose files are mosaicked; different date-times on one day
/// are separate acquisitions. An empty cell means the row has no file for that role.
public enum DatesTable {
    /// The acquisitions of the table at `path`, in date order; `setup` holds the run's other input options (sensor,
    /// scaling, masks, grid), applied to every date, and `roles` the roles the run needs. Throws naming the table,
    /// the row and the problem (an unknown column, an unparsable date, a missing file, a role given twice).
    public static func read(
        _ path: String, setup: SensorSetup, needing roles: [BandRole]
    ) throws -> (acquisitions: [Acquisition], masks: MaskRules) {
        let table = try CSVTable(path: path)
        let dateColumn = try table.column("date", file: path, option: .dates)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        // Columns: date, raster, or a role.
        var roleColumns: [(Int, BandRole)] = [], rasterColumn: Int?
        for (i, name) in table.header.enumerated() where i != dateColumn {
            if name.lowercased() == "raster" {
                rasterColumn = i
            } else if let role = try? BandRole(parsing: name) {
                guard !roleColumns.contains(where: { $0.1 == role }) else {
                    throw VerdantError.input(file: path, problem: "has two columns for the \(role) role")
                }
                roleColumns.append((i, role))
            } else {
                throw VerdantError.input(
                    file: path,
                    problem:
                        "has an unknown column '\(name)': the columns are date, raster, and band roles (\(BandRole.known.map(\.name).joined(separator: ", ")))"
                )
            }
        }
        guard rasterColumn != nil || !roleColumns.isEmpty else {
            throw VerdantError.input(
                file: path, problem: "has no raster or band column: give raster, or roles such as red and nir")
        }
        if rasterColumn != nil && setup.preset == nil && (setup.selectors[.red] == nil || setup.selectors[.nir] == nil)
            && roleColumns.isEmpty
        {
            throw VerdantError.input(
                file: path,
                problem:
                    "has a raster column, whose bands \(param: .red) BAND and \(param: .nir) BAND, or \(param: .sensor) NAME, must name"
            )
        }
        guard !table.rows.isEmpty else { throw VerdantError.input(file: path, problem: "has no rows (no dates)") }
        // Rows grouped by date, in the table's order of first appearance.
        var groups: [(date: AcquisitionDate, rows: [Int])] = []
        for (r, row) in table.rows.enumerated() {
            let text = row[dateColumn]
            guard let date = AcquisitionDate(text) else {
                throw VerdantError.input(
                    file: path,
                    problem:
                        "row \(r + 2): date '\(text)' is not an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm:ssZ)"
                )
            }
            if let g = groups.firstIndex(where: { $0.date == date && $0.date.text == date.text }) {
                groups[g].rows.append(r)
            } else if let other = groups.first(where: { $0.date == date }) {
                throw VerdantError.input(
                    file: path,
                    problem:
                        "row \(r + 2): date '\(text)' is the same instant as '\(other.date.text)' (row \(other.rows[0] + 2)) written differently: write one date the same way on every row of a mosaic"
                )
            } else {
                groups.append((date, [r]))
            }
        }
        var out: [Acquisition] = []
        var masks: MaskRules?
        for group in groups {
            let lines = group.rows.map { "\($0 + 2)" }.joined(separator: ", ")
            let origin = "row\(group.rows.count > 1 ? "s" : "") \(lines) (date \(group.date.text))"
            var s = setup
            s.rasters = []
            s.assignments = []
            s.stac = nil
            s.stacItem = nil
            s.scene = nil
            var byRole: [BandRole: [String]] = [:]
            for r in group.rows {
                let row = table.rows[r]
                if let c = rasterColumn, !row[c].trimmingCharacters(in: .whitespaces).isEmpty {
                    s.rasters.append(try file(row[c], folder: folder, table: path, row: r))
                }
                for (c, role) in roleColumns where !row[c].trimmingCharacters(in: .whitespaces).isEmpty {
                    byRole[role, default: []].append(try file(row[c], folder: folder, table: path, row: r))
                }
            }
            for (role, files) in byRole.sorted(by: { $0.key < $1.key }) {
                let sources = try files.map { try BandSource(parsing: $0) }
                guard Set(sources.map(\.band)).count == 1 else {
                    throw VerdantError.input(
                        file: path,
                        problem: "\(origin): the \(role) files name different bands; a mosaic takes one band")
                }
                s.assignments.append(
                    BandAssignment(role: role, source: BandSource(paths: sources.map(\.path), band: sources[0].band)))
            }
            if s.rasters.isEmpty && s.assignments.isEmpty {
                throw VerdantError.input(file: path, problem: "\(origin) gives no file")
            }
            let resolved: (inputs: RasterInputs, masks: MaskRules)
            do { resolved = try s.resolve(needing: roles) } catch let e as VerdantError {
                throw VerdantError.input(file: path, problem: "\(origin): \(e.description)")
            }
            masks = masks ?? resolved.masks
            out.append(Acquisition(date: group.date, inputs: resolved.inputs, file: path, origin: origin))
        }
        out.sort { $0.date < $1.date }
        return (out, masks!)
    }

    /// The path of a table cell: relative to the table's folder unless absolute or a GDAL connection string.
    private static func file(_ text: String, folder: URL, table: String, row: Int) throws -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("/") || RemotePath.isRemote(t) { return t }
        if let remote = RemotePath(table), let slash = remote.address.lastIndex(of: "/") {
            // A relative path in a remote table is an object beside it.
            return String(remote.address[...slash]) + t
        }
        return folder.appendingPathComponent(t).standardizedFileURL.path
    }
}
