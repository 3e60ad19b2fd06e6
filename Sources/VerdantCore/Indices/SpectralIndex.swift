/// A vegetation index computed per cell from reflectance, with its formula and the publication it comes from.
/// Every index is undefined (NaN, never 0) where an input is undefined or its denominator is 0.
public enum SpectralIndex: Hashable, Sendable, CustomStringConvertible {
    /// (NIR − Red) / (NIR + Red).
    case ndvi
    /// 2.5 (NIR − Red) / (NIR + 6 Red − 7.5 Blue + 1).
    case evi
    /// (1 + L)(NIR − Red) / (NIR + Red + L), L the soil brightness factor (0.5 by default).
    case savi(l: Double)
    /// (2 NIR + 1 − √((2 NIR + 1)² − 8 (NIR − Red))) / 2.
    case msavi2
    /// (NIR − RedEdge) / (NIR + RedEdge).
    case ndre
    /// (NIR − Green) / (NIR + Green).
    case gndvi

    /// Every index, with SAVI's default L.
    public static let all: [SpectralIndex] = [.ndvi, .evi, .savi(l: 0.5), .msavi2, .ndre, .gndvi]

    /// Parses `ndvi`, `evi`, `savi` (with `saviL`), `msavi2`, `ndre`, `gndvi`.
    public init(parsing text: String, saviL: Double = 0.5) throws {
        switch text.lowercased() {
        case "ndvi": self = .ndvi
        case "evi": self = .evi
        case "savi":
            guard saviL.isFinite, saviL >= 0 else {
                throw VerdantError.invalidParameter(.saviL, problem: "must be a number ≥ 0 (got \(saviL))")
            }
            self = .savi(l: saviL)
        case "msavi2", "msavi": self = .msavi2
        case "ndre": self = .ndre
        case "gndvi": self = .gndvi
        default:
            throw VerdantError.usage("unknown index '\(text)' (known: ndvi, evi, savi, msavi2, ndre, gndvi)")
        }
    }

    /// The index's short name (`ndvi`, `savi`).
    public var name: String {
        switch self {
        case .ndvi: "ndvi"
        case .evi: "evi"
        case .savi: "savi"
        case .msavi2: "msavi2"
        case .ndre: "ndre"
        case .gndvi: "gndvi"
        }
    }

    /// The short name.
    public var description: String { name }

    /// The bands it needs.
    public var roles: [BandRole] {
        switch self {
        case .ndvi, .savi, .msavi2: [.red, .nir]
        case .evi: [.blue, .red, .nir]
        case .ndre: [.redEdge, .nir]
        case .gndvi: [.green, .nir]
        }
    }

    /// The role of a band holding this index itself (`--band ndvi=FILE`), read when the index's reflectance bands
    /// are absent.
    public var bandRole: BandRole {
        switch self {
        case .ndvi: .ndvi
        case .evi: .evi
        case .savi: .savi
        case .msavi2: .msavi2
        case .ndre: .ndre
        case .gndvi: .gndvi
        }
    }

    /// The formula, as documented.
    public var formula: String {
        switch self {
        case .ndvi: "NDVI = (NIR − Red) / (NIR + Red)"
        case .evi: "EVI = 2.5 (NIR − Red) / (NIR + 6 Red − 7.5 Blue + 1)"
        case .savi(let l): "SAVI = (1 + L)(NIR − Red) / (NIR + Red + L), L = \(l)"
        case .msavi2: "MSAVI2 = (2 NIR + 1 − √((2 NIR + 1)² − 8 (NIR − Red))) / 2"
        case .ndre: "NDRE = (NIR − RedEdge) / (NIR + RedEdge)"
        case .gndvi: "GNDVI = (NIR − Green) / (NIR + Green)"
        }
    }

    /// The publication the index comes from.
    public var source: String {
        switch self {
        case .ndvi:
            "Rouse, J.W., Haas, R.H., Schell, J.A., Deering, D.W. (1974). Monitoring vegetation systems in the Great Plains with ERTS. NASA SP-351, 309–317."
        case .evi:
            "Huete, A., Didan, K., Miura, T., Rodriguez, E.P., Gao, X., Ferreira, L.G. (2002). Overview of the radiometric and biophysical performance of the MODIS vegetation indices. Remote Sensing of Environment 83, 195–213."
        case .savi:
            "Huete, A.R. (1988). A soil-adjusted vegetation index (SAVI). Remote Sensing of Environment 25, 295–309."
        case .msavi2:
            "Qi, J., Chehbouni, A., Huete, A.R., Kerr, Y.H., Sorooshian, S. (1994). A modified soil adjusted vegetation index. Remote Sensing of Environment 48, 119–126."
        case .ndre:
            "Barnes, E.M. et al. (2000). Coincident detection of crop water stress, nitrogen status and canopy density using ground-based multispectral data. Proc. 5th Int. Conf. on Precision Agriculture."
        case .gndvi:
            "Gitelson, A.A., Kaufman, Y.J., Merzlyak, M.N. (1996). Use of a green channel in remote sensing of global vegetation from EOS-MODIS. Remote Sensing of Environment 58, 289–298."
        }
    }

    /// The index of one cell from reflectance (NaN where undefined).
    @inlinable
    public func value(
        blue: Double = .nan, green: Double = .nan, red: Double = .nan, redEdge: Double = .nan,
        nir: Double
    ) -> Double {
        switch self {
        case .ndvi: return NDVI.value(red: red, nir: nir)
        case .evi:
            let d = nir + 6 * red - 7.5 * blue + 1
            return (d == 0 || d.isNaN) ? .nan : 2.5 * (nir - red) / d
        case .savi(let l):
            let d = nir + red + l
            return (d == 0 || d.isNaN) ? .nan : (1 + l) * (nir - red) / d
        case .msavi2:
            let a = 2 * nir + 1
            let disc = a * a - 8 * (nir - red)
            return (disc < 0 || disc.isNaN) ? .nan : (a - disc.squareRoot()) / 2
        case .ndre:
            let s = nir + redEdge
            return (s == 0 || s.isNaN) ? .nan : (nir - redEdge) / s
        case .gndvi:
            let s = nir + green
            return (s == 0 || s.isNaN) ? .nan : (nir - green) / s
        }
    }
}
