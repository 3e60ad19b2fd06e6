import Foundation
internal import CGDAL

/// A class raster's legend: each class value's name and colour, as GDAL stores it in a band's category names,
/// colour table and raster attribute table (QGIS and ArcGIS read them).
public struct ClassTable: Hashable, Sendable {
    /// One class.
    public struct Entry: Hashable, Sendable {
        /// The cell value.
        public var value: Int
        /// Its name.
        public var name: String
        /// Its colour (red, green, blue, 0–255).
        public var color: (UInt8, UInt8, UInt8)

        /// A class.
        public init(value: Int, name: String, color: (UInt8, UInt8, UInt8)) {
            self.value = value
            self.name = name
            self.color = color
        }

        /// Equal value, name and colour.
        public static func == (a: Entry, b: Entry) -> Bool {
            a.value == b.value && a.name == b.name && a.color == b.color
        }

        /// Hashes value, name and colour.
        public func hash(into h: inout Hasher) {
            h.combine(value)
            h.combine(name)
            h.combine(color.0)
            h.combine(color.1)
            h.combine(color.2)
        }
    }

    /// The classes, by value.
    public var entries: [Entry]

    /// A legend.
    public init(_ entries: [Entry]) { self.entries = entries.sorted { $0.value < $1.value } }

    /// The name of `value`, if it has one.
    public func name(of value: Int) -> String? { entries.first { $0.value == value }?.name }

    /// The table as GDAL's persistent auxiliary metadata (`.aux.xml` beside a raster) of band 1: category names,
    /// colour table and attribute table, written by GDAL itself on a scratch raster in `folder`.
    public func auxiliaryXML(dataType: DataType, folder: String) throws -> String {
        let path = folder + "/class-table-\(UInt64.random(in: 0...UInt64.max)).tif"
        defer {
            unlink(path)
            unlink(path + ".aux.xml")
        }
        do {
            let ds = try Driver(named: "GTiff").create(
                path: path, width: 1, height: 1, bandCount: 1, dataType: dataType, options: [])
            try ds.close()
        }
        let ds = try Dataset.open(path)
        try ds.band(1).setClassTable(self)
        try ds.close()
        guard let data = FileManager.default.contents(atPath: path + ".aux.xml"),
            let text = String(data: data, encoding: .utf8)
        else { throw GDALError(context: "GDAL wrote no auxiliary metadata for the class table in '\(folder)'") }
        return text
    }
}

extension RasterBand {
    /// The band's category names by cell value (GDAL's category names, else a raster attribute table's name
    /// column); empty when it has neither. Empty names are left out.
    public var categoryNames: [Int: String] {
        var out: [Int: String] = [:]
        let names = CStringList.strings(from: GDALGetRasterCategoryNames(handle))
        for (value, name) in names.enumerated() where !name.isEmpty { out[value] = name }
        if !out.isEmpty { return out }
        guard let rat = GDALGetDefaultRAT(handle) else { return out }
        let columns = Int(GDALRATGetColumnCount(rat))
        var valueColumn: Int32 = -1, nameColumn: Int32 = -1, minColumn: Int32 = -1
        for c in 0..<Int32(columns) {
            switch GDALRATGetUsageOfCol(rat, c) {
            case GFU_Name: nameColumn = c
            case GFU_MinMax: valueColumn = c
            case GFU_Min: minColumn = c
            default: break
            }
        }
        if valueColumn < 0 { valueColumn = minColumn }
        guard nameColumn >= 0 else { return out }
        for row in 0..<GDALRATGetRowCount(rat) {
            let value = valueColumn >= 0 ? Int(GDALRATGetValueAsInt(rat, row, valueColumn)) : Int(row)
            if let p = GDALRATGetValueAsString(rat, row, nameColumn) {
                let name = String(cString: p)
                if !name.isEmpty { out[value] = name }
            }
        }
        return out
    }

    /// Writes `table` to the band: category names (values 0…max, unnamed ones empty), a colour table (unnamed
    /// values transparent black) and a raster attribute table with value, name and colour columns.
    public func setClassTable(_ table: ClassTable) throws {
        let maxValue = table.entries.map(\.value).max() ?? 0
        guard table.entries.allSatisfy({ $0.value >= 0 }), maxValue < 65_536 else {
            throw GDALError(context: "class values of band \(index) of '\(dataset.path)' must lie in 0…65535")
        }
        var names = [String](repeating: "", count: maxValue + 1)
        for e in table.entries { names[e.value] = e.name }
        try GDALCall.check("setting the category names of band \(index) of '\(dataset.path)'") {
            CStringList(names).withPointer { GDALSetRasterCategoryNames(handle, $0) }
        }
        guard let colors = GDALCreateColorTable(GPI_RGB) else {
            throw GDALError(context: "making a colour table for band \(index) of '\(dataset.path)'")
        }
        defer { GDALDestroyColorTable(colors) }
        for v in 0...maxValue {
            var entry = GDALColorEntry(c1: 0, c2: 0, c3: 0, c4: 0)
            if let e = table.entries.first(where: { $0.value == v }) {
                entry = GDALColorEntry(c1: Int16(e.color.0), c2: Int16(e.color.1), c3: Int16(e.color.2), c4: 255)
            }
            GDALSetColorEntry(colors, Int32(v), &entry)
        }
        try GDALCall.check("setting the colour table of band \(index) of '\(dataset.path)'") {
            GDALSetRasterColorTable(handle, colors)
        }
        guard let rat = GDALCreateRasterAttributeTable() else {
            throw GDALError(context: "making a raster attribute table for band \(index) of '\(dataset.path)'")
        }
        defer { GDALDestroyRasterAttributeTable(rat) }
        let columns: [(String, GDALRATFieldType, GDALRATFieldUsage)] = [
            ("value", GFT_Integer, GFU_MinMax), ("class", GFT_String, GFU_Name), ("red", GFT_Integer, GFU_Red),
            ("green", GFT_Integer, GFU_Green), ("blue", GFT_Integer, GFU_Blue)
        ]
        for (name, type, usage) in columns {
            try GDALCall.check("adding column \(name) to the attribute table of '\(dataset.path)'") {
                GDALRATCreateColumn(rat, name, type, usage)
            }
        }
        GDALRATSetRowCount(rat, Int32(table.entries.count))
        for (row, e) in table.entries.enumerated() {
            let r = Int32(row)
            GDALRATSetValueAsInt(rat, r, 0, Int32(e.value))
            GDALRATSetValueAsString(rat, r, 1, e.name)
            GDALRATSetValueAsInt(rat, r, 2, Int32(e.color.0))
            GDALRATSetValueAsInt(rat, r, 3, Int32(e.color.1))
            GDALRATSetValueAsInt(rat, r, 4, Int32(e.color.2))
        }
        try GDALCall.check("setting the attribute table of band \(index) of '\(dataset.path)'") {
            GDALSetDefaultRAT(handle, rat)
        }
    }

    /// The band's colour table entries by value (red, green, blue), empty without one.
    public var colorTable: [Int: (UInt8, UInt8, UInt8)] {
        guard let table = GDALGetRasterColorTable(handle) else { return [:] }
        var out: [Int: (UInt8, UInt8, UInt8)] = [:]
        for i in 0..<GDALGetColorEntryCount(table) {
            guard let e = GDALGetColorEntry(table, i) else { continue }
            out[Int(i)] = (UInt8(clamping: e.pointee.c1), UInt8(clamping: e.pointee.c2), UInt8(clamping: e.pointee.c3))
        }
        return out
    }
}
