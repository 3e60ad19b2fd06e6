import Synchronization

/// Bounds on the work parcels may ask for, checked before the work is done.
public struct VertexLimits: Hashable, Sendable {
    /// The most points one parcel may have after densification (`--max-parcel-vertices`).
    public var perParcel: Int
    /// The most points all parcels together may have after densification (`--max-total-vertices`).
    public var total: Int
    /// The most vertices an invalid parcel may have for GEOS's MakeValid to repair it (`--max-repair-vertices`):
    /// repair takes time quadratic in the parts it makes (10,000 vertices of figure-eights: 5 s).
    public var repair: Int

    /// The defaults: 5,000,000 points per parcel (80 MB), 50,000,000 in all (0.8 GB), repair up to 5,000 vertices.
    public init(perParcel: Int = 5_000_000, total: Int = 50_000_000, repair: Int = 5_000) {
        self.perParcel = perParcel
        self.total = total
        self.repair = repair
    }

    /// Throws for limits that cannot work.
    public func validate() throws {
        for (value, parameter) in [
            (perParcel, Parameter.maxParcelVertices), (total, .maxTotalVertices), (repair, .maxRepairVertices)
        ] where value < 4 {
            throw VerdantError.invalidParameter(parameter, problem: "must be at least 4 (got \(value))")
        }
    }
}

/// The running count of all parcels' vertices, shared by the workers that load them.
final class VertexTally: Sendable {
    private let count = Atomic<Int>(0)

    /// Adds `n` and returns the new total.
    func add(_ n: Int) -> Int { count.wrappingAdd(n, ordering: .relaxed).newValue }
}
