/// A sensor preset: which band names play which role, reflectance scaling, nodata, the quality layer, and the
/// source of each fact. Presets are data (built-in JSON, or users' JSON/YAML files), not code per sensor.
public struct SensorPreset: Hashable, Sendable, Codable {
    /// How a Sentinel-2 processing baseline changes the offset.
    public struct BaselineOffset: Hashable, Sendable, Codable {
        /// The first baseline with the offset (e.g. `04.00`).
        public var fromBaseline: String
        /// The reflectance offset from that baseline on (e.g. −0.1).
        public var offset: Double
    }

    /// The quality layer and what it excludes by default.
    public struct Quality: Hashable, Sendable, Codable {
        /// The role of the quality band (`scl` or `qa`).
        public var role: String
        /// `classes` (a class per cell, e.g. SCL) or `bits` (bit flags, e.g. QA_PIXEL).
        public var type: String
        /// Classes or bits excluded by default.
        public var exclude: [Int]
        /// Classes or bits that may be excluded on request (`water`, `snow`).
        public var optional: [String: Int]?
    }

    /// The preset's name (`sentinel2-l2a`).
    public var name: String
    /// What it is for.
    public var title: String
    /// Role → names: band descriptions, file-name tokens, STAC asset keys, or 1-based band numbers.
    public var bands: [String: [String]]
    /// Reflectance = DN × scale + offset.
    public var scale: Double
    /// See `scale`.
    public var offset: Double
    /// Sentinel-2: the offset that applies from a processing baseline on (the baseline must then be known).
    public var baselineOffset: BaselineOffset?
    /// Nodata for bands that declare none.
    public var nodata: Double?
    /// The quality layer.
    public var quality: Quality?
    /// Where each fact comes from (`bands`, `scaling`, `nodata`, `quality`).
    public var sources: [String: String]

    /// The roles the preset names, in role order.
    public func roles() throws -> [BandRole] {
        try bands.keys.map { try BandRole(parsing: $0) }.sorted()
    }

    /// The names for `role`.
    public func names(for role: BandRole) -> [String] {
        bands.first { (try? BandRole(parsing: $0.key)) == role }?.value ?? []
    }

    /// Throws when the preset is not usable (unknown roles, bad scaling).
    public func validate(file: String) throws {
        for key in bands.keys {
            do { _ = try BandRole(parsing: key) } catch {
                throw VerdantError.input(file: file, problem: "preset '\(name)': \(error)")
            }
        }
        guard scale.isFinite, scale != 0, offset.isFinite else {
            throw VerdantError.input(
                file: file, problem: "preset '\(name)': scale must be a non-zero number and offset a number")
        }
        if let q = quality, q.type != "classes" && q.type != "bits" {
            throw VerdantError.input(
                file: file, problem: "preset '\(name)': quality type must be 'classes' or 'bits', not '\(q.type)'")
        }
    }
}
