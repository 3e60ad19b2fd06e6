/// Text for XML and HTML: `&`, `<`, `>` and `"` escaped, for element text and attribute values (GDAL's VRT XML, and
/// the engine's HTML reports and styles).
package enum MarkupText {
    /// `s` escaped.
    package static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
