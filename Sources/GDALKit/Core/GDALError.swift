/// An error reported by GDAL, carrying GDAL's own messages and what was being done.
public struct GDALError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What GDALKit was doing when GDAL failed, e.g. `opening 'scene.tif'`.
    public var context: String
    /// GDAL's error messages (CPLError), in the order GDAL raised them; may be empty.
    public var messages: [String]
    /// GDAL's error number (CPLErrorNum) of the last failure, or 0 when GDAL raised none.
    public var code: Int32

    /// Makes an error from a context and GDAL's messages.
    public init(context: String, messages: [String] = [], code: Int32 = 0) {
        self.context = context
        self.messages = messages
        self.code = code
    }

    /// The context followed by GDAL's distinct messages (repeats counted, at most five), one line (line breaks
    /// inside a message, as PROJ writes some, become spaces).
    public var description: String {
        let said = GDALError.summary(messages)
        return said.isEmpty ? context : "\(context): \(said)"
    }

    /// GDAL's distinct messages on one line, `; ` between them, repeats counted, at most five; empty for none.
    public static func summary(_ messages: [String]) -> String {
        var distinct: [(String, Int)] = []
        for m in messages.map({ $0.oneLine() }) where !m.isEmpty {
            if let i = distinct.firstIndex(where: { $0.0 == m }) { distinct[i].1 += 1 } else { distinct.append((m, 1)) }
        }
        var parts = distinct.prefix(5).map { $0.1 > 1 ? "\($0.0) (×\($0.1))" : $0.0 }
        if distinct.count > 5 { parts.append("… \(distinct.count - 5) more") }
        return parts.joined(separator: "; ")
    }
}

extension String {
    /// The text on one line: every run of white space (line breaks too) becomes one space, none at the ends.
    public func oneLine() -> String {
        split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }
}
