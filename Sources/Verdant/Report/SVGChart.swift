import Foundation

/// Inline SVG charts for the reports (no script or library): sorted bars with intervals, a histogram, and one
/// stacked bar of shares. Drawn in a 1,000-unit-wide view box with real text, so they scale to the page and print
/// sharp.
enum SVGChart {
    /// A bar: its label, value, and 90 % interval when there is one.
    struct Bar {
        var label: String
        var value: Double
        var low: Double?
        var high: Double?
    }

    /// One part of a stacked bar: its name, value, colour.
    struct Part {
        var label: String
        var value: Double
        var colour: String
    }

    static func c(_ v: Double) -> String { String(format: "%.1f", v) }

    /// Horizontal bars, largest first, each with its interval as a whisker and its value (with `unit`) beside it.
    static func bars(_ bars: [Bar], unit: String, title: String) -> String {
        let row = 22.0, left = 150.0, right = 150.0, top = 8.0, width = 1000.0
        let height = top + row * Double(bars.count) + 24
        let largest = bars.map { max($0.value, $0.high ?? $0.value) }.max() ?? 1
        let scale = largest > 0 ? (width - left - right) / largest : 0
        var out =
            "<svg class=\"chart\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\"><title>\(HTMLText.escape(title))</title>"
        for (i, b) in bars.enumerated() {
            let y = top + row * Double(i)
            out +=
                "<text x=\"\(c(left - 8))\" y=\"\(c(y + 15))\" text-anchor=\"end\">\(HTMLText.escape(b.label))</text>"
            out +=
                "<rect x=\"\(c(left))\" y=\"\(c(y + 3))\" width=\"\(c(max(0, b.value) * scale))\" height=\"\(c(row - 6))\" fill=\"#3b8b5a\"/>"
            var end = max(0, b.value) * scale
            if let lo = b.low, let hi = b.high {
                let x0 = left + max(0, lo) * scale, x1 = left + max(0, hi) * scale, ym = y + row / 2
                out +=
                    "<path d=\"M\(c(x0)) \(c(ym))H\(c(x1))M\(c(x0)) \(c(ym - 5))V\(c(ym + 5))M\(c(x1)) \(c(ym - 5))V\(c(ym + 5))\" stroke=\"#222\" stroke-width=\"1.5\" fill=\"none\"/>"
                end = max(end, max(0, hi) * scale)
            }
            let interval =
                b.low.flatMap { lo in b.high.map { " (\(HTMLText.magnitude(lo)) – \(HTMLText.magnitude($0)))" } } ?? ""
            out +=
                "<text x=\"\(c(left + end + 6))\" y=\"\(c(y + 15))\">\(HTMLText.magnitude(b.value))\(interval)</text>"
        }
        let axisY = top + row * Double(bars.count) + 4
        out += "<path d=\"M\(c(left)) \(c(top))V\(c(axisY))\" stroke=\"#888\"/>"
        out += "<text x=\"\(c(left))\" y=\"\(c(axisY + 16))\">0 \(HTMLText.escape(unit))</text>"
        return out + "</svg>"
    }

    /// A histogram of `values` over `bins` equal bins from `low` to `high` (values outside counted in the end bins),
    /// bars coloured by `colour(t)` of their centre, as shares of all values.
    static func histogram(
        _ values: [Double], low: Double, high: Double, bins: Int, label: String, title: String,
        colour: (Double) -> String
    ) -> String {
        let width = 1000.0, height = 220.0, left = 50.0, bottom = 30.0, top = 10.0
        var counts = [Int](repeating: 0, count: bins)
        for v in values where v.isFinite {
            let k = Int(((v - low) / (high - low) * Double(bins)).rounded(.down))
            counts[min(bins - 1, max(0, k))] += 1
        }
        let total = max(1, counts.reduce(0, +)), peak = Double(counts.max() ?? 0) / Double(total)
        let plotW = width - left - 10, plotH = height - bottom - top, bw = plotW / Double(bins)
        var out =
            "<svg class=\"chart\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\"><title>\(HTMLText.escape(title))</title>"
        for (k, n) in counts.enumerated() where n > 0 {
            let share = Double(n) / Double(total), h = peak > 0 ? share / peak * plotH : 0
            let centre = (Double(k) + 0.5) / Double(bins)
            out +=
                "<rect x=\"\(c(left + bw * Double(k) + 1))\" y=\"\(c(top + plotH - h))\" width=\"\(c(bw - 2))\" height=\"\(c(h))\" fill=\"\(colour(centre))\"><title>\(HTMLText.number(share * 100, digits: 1)) %</title></rect>"
        }
        out += "<path d=\"M\(c(left)) \(c(top))V\(c(top + plotH))H\(c(width - 10))\" stroke=\"#888\" fill=\"none\"/>"
        out +=
            "<text x=\"\(c(left - 6))\" y=\"\(c(top + 10))\" text-anchor=\"end\">\(HTMLText.number(peak * 100, digits: 0)) %</text>"
        out += "<text x=\"\(c(left - 6))\" y=\"\(c(top + plotH))\" text-anchor=\"end\">0</text>"
        // Ticks on the round values of a step of a fifth of the range, or less.
        let step = tickStep(high - low)
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9 {
            let x = left + plotW * (tick - low) / (high - low)
            out +=
                "<text x=\"\(c(x))\" y=\"\(c(height - 12))\" text-anchor=\"middle\">\(String(format: "%g", (tick * 1e9).rounded() / 1e9))</text>"
            tick += step
        }
        out += "<text x=\"\(c(left))\" y=\"\(c(height - 1))\">\(HTMLText.escape(label))</text>"
        return out + "</svg>"
    }

    /// A round step (1, 2 or 5 × 10ⁿ) giving about five ticks over `span`.
    static func tickStep(_ span: Double) -> Double {
        let raw = span / 5, power = pow(10, floor(log10(raw)))
        return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? raw
    }

    /// One horizontal bar split into `parts` (shares of their sum), with a legend line under it giving each part's
    /// value with `unit` and share.
    static func stacked(_ parts: [Part], unit: String, title: String) -> String {
        let width = 1000.0, total = parts.reduce(0) { $0 + max(0, $1.value) }
        var out =
            "<svg class=\"chart\" viewBox=\"0 0 \(c(width)) 90\" role=\"img\"><title>\(HTMLText.escape(title))</title>"
        var x = 0.0
        for p in parts where p.value > 0 && total > 0 {
            let w = p.value / total * width
            out += "<rect x=\"\(c(x))\" y=\"4\" width=\"\(c(w))\" height=\"30\" fill=\"\(p.colour)\"/>"
            x += w
        }
        for (i, p) in parts.enumerated() {
            // Two legend entries a line, each in half the width.
            let lx = Double(i % 2) * 500, ly = 46 + Double(i / 2) * 22
            let share = total > 0 ? p.value / total : 0
            let text =
                "\(p.label): \(HTMLText.number(p.value, digits: 2)) \(unit) (\(HTMLText.number(share * 100, digits: 1)) %)"
            out +=
                "<rect x=\"\(c(lx))\" y=\"\(c(ly))\" width=\"12\" height=\"12\" fill=\"\(p.colour)\" stroke=\"#888\"/>"
            out += "<text x=\"\(c(lx + 16))\" y=\"\(c(ly + 11))\">\(HTMLText.escape(text))</text>"
        }
        return out + "</svg>"
    }

    /// A waterfall: the first step a bar from zero, each later one a rise or a fall from where the last ended, and
    /// a final bar from zero to the end; values with `unit` beside each bar.
    static func waterfall(
        _ steps: [(label: String, value: Double)], final: String, unit: String, title: String
    )
        -> String
    {
        let width = 1000.0, left = 230.0, right = 170.0, row = 30.0, top = 6.0
        var ends: [(Double, Double)] = [], level = 0.0
        for s in steps {
            ends.append((level, level + s.value))
            level += s.value
        }
        ends.append((0, level))
        let labels = steps.map(\.label) + [final]
        let values = steps.map(\.value) + [level]
        let low = min(0, ends.map { min($0.0, $0.1) }.min() ?? 0),
            high = max(0, ends.map { max($0.0, $0.1) }.max() ?? 0)
        let span = high > low ? high - low : 1, plot = width - left - right
        func x(_ v: Double) -> Double { left + (v - low) / span * plot }
        let height = top + row * Double(labels.count) + 10
        var out =
            "<svg class=\"chart\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\"><title>\(HTMLText.escape(title))</title>"
        for (i, (a, b)) in ends.enumerated() {
            let y = top + row * Double(i), last = i == ends.count - 1
            let colour = last ? "#2f7a4f" : (i == 0 ? "#3b8b5a" : (b < a ? "#c0504d" : "#3b8b5a"))
            out +=
                "<text x=\"\(c(left - 8))\" y=\"\(c(y + 19))\" text-anchor=\"end\"\(last ? " font-weight=\"bold\"" : "")>\(HTMLText.escape(labels[i]))</text>"
            out +=
                "<rect x=\"\(c(x(min(a, b))))\" y=\"\(c(y + 5))\" width=\"\(c(max(1, abs(x(b) - x(a)))))\" height=\"\(c(row - 10))\" fill=\"\(colour)\"/>"
            if i < ends.count - 1 {
                out +=
                    "<path d=\"M\(c(x(b))) \(c(y + row - 5))V\(c(y + row + 5))\" stroke=\"#888\" stroke-dasharray=\"2 2\"/>"
            }
            let sign = i > 0 && !last && values[i] > 0 ? "+" : ""
            out +=
                "<text x=\"\(c(x(max(a, b)) + 6))\" y=\"\(c(y + 19))\">\(sign)\(HTMLText.magnitude(values[i])) \(HTMLText.escape(unit))</text>"
        }
        out += "<path d=\"M\(c(x(0))) \(c(top))V\(c(height - 6))\" stroke=\"#888\"/>"
        return out + "</svg>"
    }
}
