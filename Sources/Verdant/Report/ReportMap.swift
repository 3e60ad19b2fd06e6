import Foundation
import GDALKit

/// The report's map: the scene's NDVI picture (viridis, −0.2 … 0.9 as the QGIS styles, clouds and no data in
/// colours of their own) as an embedded PNG, under vector (SVG) parcel outlines and labels; below it, in a band of
/// its own so that they never overlap, the scale bar, the legend and the north arrow. Drawn in the picture's cells,
/// so it stays sharp at any zoom and in print.
struct ReportMap {
    /// The NDVI range of the colour ramp.
    static let range = (low: -0.2, high: 0.9)
    /// Cells mostly cloud, with nothing observed.
    static let cloudColour: (UInt8, UInt8, UInt8) = (214, 224, 240)
    /// The map's background, where the scene has no data.
    static let noDataColour = "#e6e6e6"
    /// Parcels drawn at most (the largest ones beyond).
    static let outlineLimit = 20_000
    /// Parcels labelled at most.
    static let labelLimit = 300

    let picture: NDVIPicture
    /// Each parcel's picture-cell bounding box (x0, y0, x1, y1), by report row; nil for a parcel with no geometry.
    let boxes: [(Double, Double, Double, Double)?]
    /// Where each parcel's label goes: the centre of the bounding box of its largest part, by report row.
    let anchors: [(Double, Double)?]
    /// How many parcels are outlined.
    let outlined: Int
    private let paths: [(Int, String)]

    init(picture: NDVIPicture, report: EstimateReport) {
        self.picture = picture
        let g = picture.geoTransform.coefficients
        func pixel(_ c: Coordinate) -> (Double, Double) { ((c.x - g[0]) / g[1], (c.y - g[3]) / g[5]) }
        var boxes: [(Double, Double, Double, Double)?] = []
        var anchors: [(Double, Double)?] = []
        var paths: [(Int, String, Double)] = []
        for (i, parcel) in report.parcels.parcels.enumerated() {
            var d = "", box: (Double, Double, Double, Double)? = nil
            var anchor: (Double, Double)? = nil, largest = -1.0
            for polygon in parcel.geometry.polygons {
                let xs = polygon.exterior.map { pixel($0).0 }, ys = polygon.exterior.map { pixel($0).1 }
                if let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max(),
                    (x1 - x0) * (y1 - y0) > largest
                {
                    largest = (x1 - x0) * (y1 - y0)
                    anchor = ((x0 + x1) / 2, (y0 + y1) / 2)
                }
                for ring in [polygon.exterior] + polygon.holes where ring.count > 2 {
                    var last: (Double, Double)? = nil
                    for (k, c) in ring.enumerated() {
                        let p = pixel(c)
                        box =
                            box.map { (min($0.0, p.0), min($0.1, p.1), max($0.2, p.0), max($0.3, p.1)) }
                            ?? (p.0, p.1, p.0, p.1)
                        // Points closer than a quarter of a picture cell to the last one drawn add nothing visible.
                        if let l = last, k < ring.count - 1, abs(l.0 - p.0) < 0.25, abs(l.1 - p.1) < 0.25 { continue }
                        d += (k == 0 ? "M" : "L") + Self.coordinate(p.0) + " " + Self.coordinate(p.1)
                        last = p
                    }
                    d += "Z"
                }
            }
            boxes.append(box)
            anchors.append(anchor)
            if let b = box { paths.append((i, d, (b.2 - b.0) * (b.3 - b.1))) }
        }
        if paths.count > Self.outlineLimit {
            paths = Array(paths.sorted { ($0.2, $1.0) > ($1.2, $0.0) }.prefix(Self.outlineLimit)).sorted { $0.0 < $1.0 }
        }
        self.boxes = boxes
        self.anchors = anchors
        self.outlined = paths.count
        self.paths = paths.map { ($0.0, $0.1) }
    }

    static func coordinate(_ v: Double) -> String { String(format: "%.2f", v) }

    /// A scale-bar length: whole when it is, else as few decimals as it takes (0.5, 0.02).
    static func round(_ v: Double) -> String {
        v == v.rounded() ? HTMLText.number(v, digits: 0) : String(format: "%g", v)
    }

    /// The picture coloured, as PNG bytes (through GDAL's PNG driver).
    func png() throws -> Data {
        let w = picture.width, h = picture.height, n = w * h
        var r = [UInt8](repeating: 0, count: n), g = r, b = r, a = r
        for i in 0..<n {
            let v = Double(picture.values[i])
            let colour: (UInt8, UInt8, UInt8)
            if v.isFinite {
                colour = Quicklook.colour((v - Self.range.low) / (Self.range.high - Self.range.low))
            } else if i < picture.cloud.count, picture.cloud[i] >= 0.5 {
                colour = Self.cloudColour
            } else {
                continue
            }
            (r[i], g[i], b[i], a[i]) = (colour.0, colour.1, colour.2, 255)
        }
        let scratch =
            NSTemporaryDirectory() + "verdant-map-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).png"
        defer {
            try? FileManager.default.removeItem(atPath: scratch)
            try? FileManager.default.removeItem(atPath: scratch + ".aux.xml")
        }
        let mem = try Driver(named: "MEM").create(path: "", width: w, height: h, bandCount: 4, dataType: .byte)
        try mem.write(
            window: try Window(columnOffset: 0, rowOffset: 0, width: w, height: h), bands: [1, 2, 3, 4],
            values: r + g + b + a)
        try mem.band(4).setColorInterpretation("Alpha")
        try Driver(named: "PNG").createCopy(of: mem, path: scratch, options: []).close()
        guard let data = FileManager.default.contents(atPath: scratch) else {
            throw VerdantError.output(file: scratch, problem: "the map picture could not be read back")
        }
        return data
    }

    /// The map as an inline SVG element (`id="map"`), labels on at most `labelLimit` parcels named by `ids`.
    func svg(ids: [String], geographic: Bool) throws -> String {
        let w = Double(picture.width), h = Double(picture.height)
        // Sizes are given for a map about 1,000 px wide, in picture cells.
        let k = w / 1000, band = 64 * k
        var out =
            "<svg id=\"map\" class=\"map\" viewBox=\"0 0 \(Self.coordinate(w)) \(Self.coordinate(h + band))\" role=\"img\" aria-label=\"Map of NDVI with the parcels outlined\">"
        out += "<rect width=\"\(w)\" height=\"\(h)\" fill=\"\(Self.noDataColour)\"/>"
        out +=
            "<image width=\"\(w)\" height=\"\(h)\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,\(try png().base64EncodedString())\"/>"
        // Outlines keep their width in screen pixels (non-scaling strokes), on the page and zoomed in.
        out += "<g class=\"parcels\" stroke-width=\"1.6\">"
        for (i, d) in paths { out += "<path data-i=\"\(i)\" d=\"\(d)\"/>" }
        out += "</g>"
        if paths.count <= Self.labelLimit {
            out +=
                "<g class=\"labels\" font-size=\"\(Self.coordinate(12 * k))\" stroke-width=\"\(Self.coordinate(3 * k))\">"
            for (i, _) in paths {
                guard let a = anchors[i], i < ids.count else { continue }
                out +=
                    "<text x=\"\(Self.coordinate(a.0))\" y=\"\(Self.coordinate(a.1))\">\(HTMLText.escape(ids[i]))</text>"
            }
            out += "</g>"
        }
        out += legendBand(top: h, k: k, geographic: geographic)
        return out + "</svg>"
    }

    /// The band under the map: scale bar (left), legend (middle), swatches, north arrow (right); each in its own
    /// share of the width, so that they never collide.
    private func legendBand(top: Double, k: Double, geographic: Bool) -> String {
        let w = Double(picture.width), c = Self.coordinate
        let font = 12 * k, y = top + 14 * k
        var out = "<g class=\"band\" font-size=\"\(c(font))\">"
        out += "<rect y=\"\(c(top))\" width=\"\(c(w))\" height=\"\(c(64 * k))\" fill=\"#fff\"/>"
        // Scale bar: a round length near a fifth of the width.
        let g = picture.geoTransform.coefficients
        let centreLatitude = g[3] + g[5] * Double(picture.height) / 2
        let metresPerCell = geographic ? abs(g[1]) * 111_320 * cos(centreLatitude * .pi / 180) : abs(g[1])
        if metresPerCell > 0 && metresPerCell.isFinite {
            let target = metresPerCell * min(w * 0.2, 250 * k)
            let step = pow(10, floor(log10(target)))
            let nice = [5.0, 2, 1].map { $0 * step }.first { $0 <= target } ?? step
            let length = nice / metresPerCell
            let label = nice >= 1000 ? "\(Self.round(nice / 1000)) km" : "\(Self.round(nice)) m"
            let x0 = 10 * k, by = y + 8 * k
            out +=
                "<rect x=\"\(c(x0))\" y=\"\(c(by))\" width=\"\(c(length / 2))\" height=\"\(c(6 * k))\" fill=\"#222\"/>"
            out +=
                "<rect x=\"\(c(x0 + length / 2))\" y=\"\(c(by))\" width=\"\(c(length / 2))\" height=\"\(c(6 * k))\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"\(c(k))\"/>"
            out += "<text x=\"\(c(x0))\" y=\"\(c(by + 22 * k))\">0</text>"
            out += "<text x=\"\(c(x0 + length))\" y=\"\(c(by + 22 * k))\" text-anchor=\"end\">\(label)</text>"
        }
        // Legend: the ramp with ticks, from 0.32 to 0.72 of the width.
        let lx = 0.32 * w, lw = 0.4 * w
        out += "<defs><linearGradient id=\"ramp\">"
        for s in 0...9 {
            let (r, gg, b) = Quicklook.colour(Double(s) / 9)
            out += "<stop offset=\"\(c(Double(s) / 9))\" stop-color=\"rgb(\(r),\(gg),\(b))\"/>"
        }
        out += "</linearGradient></defs>"
        out += "<text x=\"\(c(lx))\" y=\"\(c(y))\">NDVI</text>"
        out +=
            "<rect x=\"\(c(lx))\" y=\"\(c(y + 6 * k))\" width=\"\(c(lw))\" height=\"\(c(10 * k))\" fill=\"url(#ramp)\"/>"
        for tick in stride(from: -0.2, through: 0.8001, by: 0.2) {
            let x = lx + lw * (tick - Self.range.low) / (Self.range.high - Self.range.low)
            out +=
                "<text x=\"\(c(x))\" y=\"\(c(y + 30 * k))\" text-anchor=\"middle\">\(HTMLText.number(tick, digits: 1))</text>"
        }
        // Swatches for what is not NDVI, from 0.76 of the width.
        let sx = 0.76 * w
        let cloud = Self.cloudColour
        out +=
            "<rect x=\"\(c(sx))\" y=\"\(c(y + 2 * k))\" width=\"\(c(12 * k))\" height=\"\(c(12 * k))\" fill=\"rgb(\(cloud.0),\(cloud.1),\(cloud.2))\" stroke=\"#888\" stroke-width=\"\(c(0.5 * k))\"/>"
        out += "<text x=\"\(c(sx + 16 * k))\" y=\"\(c(y + 12 * k))\">cloud</text>"
        out +=
            "<rect x=\"\(c(sx))\" y=\"\(c(y + 20 * k))\" width=\"\(c(12 * k))\" height=\"\(c(12 * k))\" fill=\"\(Self.noDataColour)\" stroke=\"#888\" stroke-width=\"\(c(0.5 * k))\"/>"
        out += "<text x=\"\(c(sx + 16 * k))\" y=\"\(c(y + 30 * k))\">no data</text>"
        // North arrow, for grids without rotation (north up).
        if g[2] == 0 && g[4] == 0 {
            let ax = w - 24 * k, ay = top + 6 * k
            out +=
                "<path d=\"M\(c(ax)) \(c(ay))L\(c(ax + 8 * k)) \(c(ay + 26 * k))L\(c(ax)) \(c(ay + 20 * k))L\(c(ax - 8 * k)) \(c(ay + 26 * k))Z\" fill=\"#222\"/>"
            out += "<text x=\"\(c(ax))\" y=\"\(c(ay + 44 * k))\" text-anchor=\"middle\" font-weight=\"bold\">N</text>"
        }
        return out + "</g>"
    }
}
