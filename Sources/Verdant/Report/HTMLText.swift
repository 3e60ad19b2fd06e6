import Foundation
import GDALKit

/// Text for HTML reports: escaping, and numbers for reading (thousands separators, sensible precision). The CSV and
/// JSON outputs keep full precision; these are only for people.
public enum HTMLText {
    /// `s` with `&`, `<`, `>` and `"` escaped, for element text and attribute values.
    public static func escape(_ s: String) -> String { MarkupText.escape(s) }

    /// `v` with `digits` decimals and a comma between thousands (`12,345.67`); empty for nil or a non-finite value.
    public static func number(_ v: Double?, digits: Int) -> String {
        guard let v, v.isFinite else { return "" }
        let text = String(format: "%.\(max(0, digits))f", v)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = ""
        for (i, c) in parts[0].reversed().enumerated() {
            if i > 0 && i % 3 == 0 { whole.append(",") }
            whole.append(c)
        }
        let grouped = String(whole.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
        // "-0.00" reads as zero.
        let isZero = grouped.allSatisfy { $0 == "0" || $0 == "." || $0 == "," }
        return negative && !isZero ? "-" + grouped : grouped
    }

    /// `v` with as many decimals as its size asks for (at least four significant digits up to 1,000, whole numbers
    /// above): 0.1234, 12.35, 1,234.
    public static func magnitude(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        let a = abs(v)
        let digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 ? 2 : a == 0 ? 0 : a >= 0.01 ? 3 : 4
        return number(v, digits: digits)
    }

    /// A fraction (0…1) as a percentage with one decimal: `0.1234` → `12.3`.
    public static func percent(_ fraction: Double?) -> String {
        fraction.map { number($0 * 100, digits: 1) } ?? ""
    }
}
