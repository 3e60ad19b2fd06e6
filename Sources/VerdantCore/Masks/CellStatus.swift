/// Why a cell is or is not observed. Every cell of a parcel falls in exactly one status.
public enum CellStatus: UInt8, Hashable, Sendable, CaseIterable {
    /// Reflectance present, not masked, index defined.
    case observed = 0
    /// No data: a band's nodata, NaN, outside the valid range, defective pixels, index undefined.
    case noData = 1
    /// Cloud, cloud shadow or cirrus (quality layer).
    case cloud = 2
    /// Excluded on purpose: a user mask, or quality classes chosen for exclusion (water, snow, …).
    case masked = 3
}
