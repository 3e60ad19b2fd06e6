import Foundation

/// A SHA-256 of what a request asks for, the same in every process: the shards of one run must carry the same
/// fingerprint, and a merge refuses partials whose fingerprints differ (another model, other factors, another
/// tile size …).
///
/// The text hashed is the request written out by reflection with its dictionaries and sets in sorted order
/// (their own order changes from process to process) and numbers in their exact shortest form; how the run is
/// executed (threads, memory, progress) is left out, since it never changes a figure, except the tile size,
/// which does (it decides the order in which tiles' sums are added).
enum RequestFingerprint {
    /// The fingerprint of an estimate request.
    static func of(_ request: EstimateRequest) -> String {
        var r = request
        r.execution = ExecutionOptions(threads: 1)
        r.execution.tileSize = request.execution.tileSize
        r.ndviPictureSize = nil
        return SHA256.hex(Data(text(r).utf8))
    }

    /// The canonical text of `value`.
    static func text(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { text($0.value) } ?? "nil"
        case .dictionary:
            let entries = mirror.children.map { entry -> String in
                let pair = Mirror(reflecting: entry.value).children.map(\.value)
                return pair.count == 2 ? "\(text(pair[0])): \(text(pair[1]))" : text(entry.value)
            }
            return "[" + entries.sorted().joined(separator: ", ") + "]"
        case .set:
            return "{" + mirror.children.map { text($0.value) }.sorted().joined(separator: ", ") + "}"
        case .collection:
            return "[" + mirror.children.map { text($0.value) }.joined(separator: ", ") + "]"
        case .tuple, .struct, .class, .enum:
            if mirror.children.isEmpty { return "\(type(of: value)).\(String(describing: value))" }
            let fields = mirror.children.map { "\($0.label ?? "_"): \(text($0.value))" }
            return "\(type(of: value))(" + fields.joined(separator: ", ") + ")"
        default:
            return String(reflecting: value)
        }
    }
}
