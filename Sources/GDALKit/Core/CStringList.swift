internal import CGDAL

/// A NULL-terminated `char **` list (GDAL's option lists) that lives as long as this value.
struct CStringList {
    private let strings: [String]

    init(_ strings: [String]) { self.strings = strings }

    /// Calls `body` with a `char **` holding the strings, or NULL when there are none.
    func withPointer<R>(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> R) rethrows -> R {
        if strings.isEmpty { return try body(nil) }
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for p in pointers { free(p) } }
        return try pointers.withUnsafeMutableBufferPointer { try body($0.baseAddress) }
    }

    /// Calls `body` with a `const char * const *` holding the strings, or NULL when there are none.
    func withConstPointer<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> R) rethrows -> R {
        try withPointer { p in
            guard let p else { return try body(nil) }
            return try p.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: strings.count + 1) {
                try body(UnsafePointer($0))
            }
        }
    }

    /// Strings from a GDAL `char **` (not freed).
    static func strings(from list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String] {
        guard let list else { return [] }
        var out: [String] = []
        var i = 0
        while let p = list[i] {
            out.append(String(cString: p))
            i += 1
        }
        return out
    }
}
