import Foundation
import GDALKit

/// A quicklook picture of a raster written by `map` (NDVI, AGB or carbon density): a perceptual colour ramp
/// (viridis), masked and nodata cells transparent, parcel outlines, a legend with units and the value range, a
/// scale bar and a north arrow; read from the raster's overviews and written through GDAL's PNG driver.
public enum Quicklook {
    /// The legend's value range of the last picture (also written into the PNG as `legend_min`/`legend_max`).
    public struct Legend: Hashable, Sendable {
        /// Lowest value shown.
        public var min: Double
        /// Highest value shown.
        public var max: Double
    }

    /// Viridis anchors (matplotlib's perceptually uniform map), 0 → 1.
    static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142), (31, 158, 137),
        (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37)
    ]

    static func colour(_ t: Double) -> (UInt8, UInt8, UInt8) {
        let x = Swift.max(0, Swift.min(1, t)) * Double(viridis.count - 1)
        let i = Swift.min(Int(x), viridis.count - 2), f = x - Double(i)
        let a = viridis[i], b = viridis[i + 1]
        return (UInt8(a.0 + (b.0 - a.0) * f), UInt8(a.1 + (b.1 - a.1) * f), UInt8(a.2 + (b.2 - a.2) * f))
    }

    /// Draws `raster` (one Float32 band, NaN nodata) with the `parcels` outlines (raster CRS) into `output` (PNG).
    @discardableResult
    public static func write(
        raster: String, parcels: [MultiPolygon], label: String, unit: String, to output: OutputPath,
        maxSize: Int = 800
    ) throws -> Legend {
        let ds = try Dataset.open(raster)
        guard let gt = ds.geoTransform, let crs = ds.spatialReference else {
            throw VerdantError.input(file: raster, problem: "has no georeferencing for a quicklook")
        }
        let (w, h) = NDVIPicture.size(width: ds.width, height: ds.height, maxSize: maxSize)
        let values = try ds.readResampled(bands: [1], width: w, height: h, as: Float.self)
        let finite = values.filter(\.isFinite)
        let lo = Double(finite.min() ?? 0), hi = Double(finite.max() ?? 1)
        let span = hi > lo ? hi - lo : 1
        let margin = 70, pw = Swift.max(w, 260), ph = h + margin
        var canvas = Canvas(width: pw, height: ph)
        canvas.opaque(fromRow: h)
        for y in 0..<h {
            for x in 0..<w {
                let v = Double(values[y * w + x])
                if v.isFinite { canvas.set(x, y, colour((v - lo) / span), alpha: 255) }
            }
        }
        // Parcel outlines (white, with a dark halo).
        let sx = Double(w) / Double(ds.width), sy = Double(h) / Double(ds.height)
        func pixel(_ c: Coordinate) -> (Double, Double) {
            ((c.x - gt.originX) / gt.cellWidth * sx, (gt.originY - c.y) / gt.cellHeight * sy)
        }
        for p in parcels {
            for polygon in p.polygons {
                for ring in [polygon.exterior] + polygon.holes where ring.count > 1 {
                    for k in 0..<ring.count {
                        let a = pixel(ring[k]), b = pixel(ring[(k + 1) % ring.count])
                        canvas.line(a, b, (255, 255, 255), limit: h)
                    }
                }
            }
        }
        // Legend: colour bar with the range and units.
        let bar = (x: 10, y: h + 12, width: 200, height: 12)
        for i in 0..<bar.width {
            let c = colour(Double(i) / Double(bar.width - 1))
            for j in 0..<bar.height { canvas.set(bar.x + i, bar.y + j, c, alpha: 255) }
        }
        canvas.text(format(lo), x: bar.x, y: bar.y + bar.height + 4, size: 2)
        let hiText = format(hi)
        canvas.text(hiText, x: bar.x + bar.width - BitmapFont.width(hiText) * 2, y: bar.y + bar.height + 4, size: 2)
        canvas.text("\(label.uppercased()) \(unit.uppercased())", x: bar.x + bar.width + 8, y: bar.y + 1, size: 2)
        // Scale bar: a round length near a quarter of the picture's width.
        let metresPerPixel =
            crs.isGeographic
            ? gt.cellWidth / sx * crs.angularUnitsInRadians * crs.semiMajorAxis
                * cos((gt.originY - gt.cellHeight * Double(ds.height) / 2) * crs.angularUnitsInRadians)
            : gt.cellWidth / sx * crs.linearUnitsInMetres
        let target = metresPerPixel * Double(pw) / 4
        let exponent = pow(10, floor(log10(target)))
        let length = [1.0, 2, 5].map { $0 * exponent }.last { $0 <= target } ?? exponent
        let barPixels = Int(length / metresPerPixel)
        let sbx = pw - barPixels - 50, sby = h + 40
        for i in 0..<barPixels {
            for j in 0..<4 {
                canvas.set(
                    sbx + i, sby + j, (i / Swift.max(1, barPixels / 4)) % 2 == 0 ? (0, 0, 0) : (255, 255, 255),
                    alpha: 255)
            }
        }
        let lengthText = length >= 1000 ? "\(format(length / 1000)) KM" : "\(format(length)) M"
        canvas.text(lengthText, x: sbx, y: sby + 8, size: 2)
        // North arrow (north-up grids).
        let ax = pw - 20, ay = h + 8
        for j in 0..<20 {
            let half = j / 3
            for i in -half...half { canvas.set(ax + i, ay + j, (0, 0, 0), alpha: 255) }
        }
        canvas.text("N", x: ax - 2, y: ay + 22, size: 2)

        let tmp = output.temporarySibling(tag: "png")
        do {
            let mem = try Driver(named: "MEM").create(path: "", width: pw, height: ph, bandCount: 4, dataType: .byte)
            try mem.write(
                window: try Window(columnOffset: 0, rowOffset: 0, width: pw, height: ph), bands: [1, 2, 3, 4],
                values: canvas.bands())
            try mem.band(4).setColorInterpretation("Alpha")
            try mem.setMetadataItem("legend_min", "\(lo)")
            try mem.setMetadataItem("legend_max", "\(hi)")
            try mem.setMetadataItem("legend_label", "\(label) (\(unit))")
            try Driver(named: "PNG").createCopy(of: mem, path: tmp, options: ["WRITE_METADATA_AS_TEXT=YES"]).close()
            try? FileManager.default.removeItem(atPath: tmp + ".aux.xml")
        } catch {
            output.discard(tmp)
            throw VerdantError.output(file: output.path, problem: "\(error)")
        }
        try output.commit(from: tmp)
        return Legend(min: lo, max: hi)
    }

    static func format(_ v: Double) -> String {
        let a = abs(v)
        if a >= 100 { return String(format: "%.0f", v) }
        if a >= 10 { return String(format: "%.1f", v) }
        return String(format: "%.2f", v)
    }
}

/// An RGBA picture being drawn.
struct Canvas {
    let width: Int
    let height: Int
    var r: [UInt8], g: [UInt8], b: [UInt8], a: [UInt8]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        r = [UInt8](repeating: 255, count: width * height)
        g = r
        b = r
        a = [UInt8](repeating: 0, count: width * height)
        // The margin below the map is opaque white.
    }

    mutating func set(_ x: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8), alpha: UInt8) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * width + x
        r[i] = c.0; g[i] = c.1; b[i] = c.2; a[i] = alpha
    }

    mutating func line(_ p: (Double, Double), _ q: (Double, Double), _ c: (UInt8, UInt8, UInt8), limit: Int) {
        let steps = Int(max(abs(q.0 - p.0), abs(q.1 - p.1)).rounded(.up)) + 1
        for s in 0...steps {
            let t = Double(s) / Double(max(steps, 1))
            let x = Int((p.0 + (q.0 - p.0) * t).rounded(.down)), y = Int((p.1 + (q.1 - p.1) * t).rounded(.down))
            if y < limit { set(x, y, c, alpha: 255) }
        }
    }

    mutating func text(_ s: String, x: Int, y: Int, size: Int) {
        var cx = x
        for ch in s {
            let glyph = BitmapFont.glyphs[ch] ?? BitmapFont.glyphs[" "]!
            for (row, line) in glyph.enumerated() {
                for (col, bit) in line.enumerated() where bit == "#" {
                    for dy in 0..<size {
                        for dx in 0..<size { set(cx + col * size + dx, y + row * size + dy, (0, 0, 0), alpha: 255) }
                    }
                }
            }
            cx += (glyph[0].count + 1) * size
        }
    }

    /// Makes rows from `row` on opaque white (the legend's background).
    mutating func opaque(fromRow row: Int) {
        for i in (row * width)..<(width * height) { a[i] = 255 }
    }

    /// The four bands, row-major, band after band.
    func bands() -> [UInt8] {
        r + g + b + a
    }
}
