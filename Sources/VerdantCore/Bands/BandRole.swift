/// What a band means to the engine: a reflectance band (red, NIR, …), a vegetation index a product ships
/// (MODIS MOD13Q1 NDVI), a quality layer (Sentinel-2 SCL, Landsat QA_PIXEL) or a user mask.
public struct BandRole: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How a role's values are read.
    public enum Kind: String, Hashable, Sendable {
        /// Surface reflectance: scaled, resampled by averaging or bilinear interpolation.
        case reflectance
        /// A vegetation index as a product stores it (MODIS MOD13Q1 NDVI, a platform's NDVI export): scaled,
        /// range-checked and resampled as reflectance is, and taken by the model as its index when the index's
        /// reflectance bands are absent.
        case index
        /// Classes or bit flags: read as stored, resampled by nearest neighbour.
        case classes
    }

    /// The role's name as written on the command line (`red`, `nir`, `scl`).
    public let name: String
    /// Reflectance or classes.
    public let kind: Kind

    /// Blue reflectance (~490 nm).
    public static let blue = BandRole(name: "blue", kind: .reflectance)
    /// Green reflectance (~560 nm).
    public static let green = BandRole(name: "green", kind: .reflectance)
    /// Red reflectance (~665 nm).
    public static let red = BandRole(name: "red", kind: .reflectance)
    /// Red-edge reflectance (~705–735 nm).
    public static let redEdge = BandRole(name: "rededge", kind: .reflectance)
    /// Near-infrared reflectance (~840 nm).
    public static let nir = BandRole(name: "nir", kind: .reflectance)
    /// Narrow near-infrared reflectance (Sentinel-2 B8A, ~865 nm).
    public static let nirNarrow = BandRole(name: "nirnarrow", kind: .reflectance)
    /// Short-wave infrared 1 (~1610 nm).
    public static let swir1 = BandRole(name: "swir1", kind: .reflectance)
    /// Short-wave infrared 2 (~2200 nm).
    public static let swir2 = BandRole(name: "swir2", kind: .reflectance)
    /// Sentinel-2 scene classification (SCL).
    public static let scl = BandRole(name: "scl", kind: .classes)
    /// Landsat Collection 2 QA_PIXEL bit flags.
    public static let qa = BandRole(name: "qa", kind: .classes)
    /// A user mask: 0 = exclude, anything else = keep.
    public static let mask = BandRole(name: "mask", kind: .classes)
    /// A land-cover map (`verdant classify`'s output, or any class raster): per-parcel class areas
    /// (`class_<name>_ha`) and green cover from classes.
    public static let landCover = BandRole(name: "class", kind: .classes)

    /// NDVI as a product ships it.
    public static let ndvi = BandRole(name: "ndvi", kind: .index)
    /// EVI as a product ships it.
    public static let evi = BandRole(name: "evi", kind: .index)
    /// SAVI as a product ships it.
    public static let savi = BandRole(name: "savi", kind: .index)
    /// MSAVI2 as a product ships it.
    public static let msavi2 = BandRole(name: "msavi2", kind: .index)
    /// NDRE as a product ships it.
    public static let ndre = BandRole(name: "ndre", kind: .index)
    /// GNDVI as a product ships it.
    public static let gndvi = BandRole(name: "gndvi", kind: .index)

    /// Roles this version of Verdant knows.
    public static let known: [BandRole] = [
        .blue, .green, .red, .redEdge, .nir, .nirNarrow, .swir1, .swir2, .ndvi, .evi, .savi, .msavi2, .ndre, .gndvi,
        .scl, .qa, .mask, .landCover
    ]

    /// The role named `name` (case-insensitive; `re`, `red_edge`, `qa_pixel` accepted); throws for an unknown role.
    public init(parsing name: String) throws {
        let lower = name.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
        let aliases = ["re": "rededge", "qapixel": "qa", "b8a": "nirnarrow", "classes": "class", "landcover": "class"]
        let canonical = aliases[lower] ?? lower
        guard let role = BandRole.known.first(where: { $0.name == canonical }) else {
            throw VerdantError.usage(
                "unknown band role '\(name)' (known roles: \(BandRole.known.map(\.name).joined(separator: ", ")))")
        }
        self = role
    }

    private init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// Orders roles as in `known`.
    public static func < (a: BandRole, b: BandRole) -> Bool {
        (known.firstIndex(of: a) ?? 99) < (known.firstIndex(of: b) ?? 99)
    }

    /// The role's name.
    public var description: String { name }
}

import Foundation
