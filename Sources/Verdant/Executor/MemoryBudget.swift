import Foundation
import Synchronization

/// A bound on the memory a run's parcels may take, checked as they are read and measured, so that a job too large
/// for the machine stops with a clear error instead of being killed by the system.
///
/// Parcels cost about 2.5 KB each plus their geometry and exact coverage (which grows with their size in cells):
/// 524,424 small parcels from a 200 MB GeoJSON took 1.34 GB; 100,000 parcels of about 1 ha on 10 m cells, 0.9 GB.
/// The tiles take a fixed amount besides (threads × tile buffers, the read-ahead and GDAL's cache).
public final class MemoryBudget: Sendable {
    /// The limit in bytes.
    public let limit: Int
    private let used = Atomic<Int>(0)

    /// A budget of `limit` bytes.
    public init(limit: Int) { self.limit = limit }

    /// Bytes charged so far.
    public var charged: Int { used.load(ordering: .relaxed) }

    /// Charges `bytes`; throws once the total passes the limit, naming `file` and what was being done.
    func charge(_ bytes: Int, file: String, doing: @autoclosure () -> String) throws {
        let total = used.add(bytes, ordering: .relaxed).newValue
        if total > limit {
            throw VerdantError.input(
                file: file,
                problem:
                    "\(doing()) needs more than the memory limit of \(MemoryBudget.text(limit)) (\(MemoryBudget.text(total)) so far): raise it with \(param: .maxMemory), or split the parcels into several runs"
            )
        }
    }

    /// The memory this machine has available now (Linux: MemAvailable), else 80 % of its physical memory.
    public static var available: Int {
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
            let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
        {
            return kb * 1024
        }
        return Int(Double(ProcessInfo.processInfo.physicalMemory) * 0.8)
    }

    /// Parses a size: bytes, or a number with K, M, G or T (powers of 1024; an optional B or iB after it).
    public static func parse(_ text: String) -> Int? {
        var t = text.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where t.hasSuffix(suffix) && t.count > suffix.count {
            t.removeLast(suffix.count); break
        }
        let units: [Character: Double] = [
            "K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024
        ]
        var factor = 1.0
        if let last = t.last, let u = units[last] { factor = u; t.removeLast() }
        guard let v = Double(t), v.isFinite, v > 0, v * factor < 9e18 else { return nil }
        return Int(v * factor)
    }

    /// A size in words (MiB or GiB).
    public static func text(_ bytes: Int) -> String {
        bytes >= 1 << 30
            ? String(format: "%.2f GiB", Double(bytes) / Double(1 << 30))
            : String(format: "%.0f MiB", Double(bytes) / Double(1 << 20))
    }
}
